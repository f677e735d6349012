package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.worker.warehouse.WarehouseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @ParameterizedTest(name = "{0} -> {1} retryable={2}")
    @CsvSource({
        "08006, connection, true",
        "08001, connection, true",
        "57P01, connection, true",
        "57P03, connection, true",
        "53300, connection, true",
        "40001, serialization, true",
        "40P01, serialization, true",
        "57014, timeout, true",
        "42601, invalidQuery, false",
        "42703, invalidQuery, false",
        "42P01, notFound, false",
        "3F000, notFound, false",
        "42501, permissionDenied, false",
        "28P01, permissionDenied, false",
        "22012, invalidData, false",
        "XX000, database, true",
        "53100, database, true",
    })
    void sqlStatesAreSortedIntoRetryableAndPermanent(String state, String reason, boolean retryable) {
        WarehouseException e = SqlFailures.classify("reading x", new SQLException("boom", state));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e).hasMessage("reading x: boom (SQLState " + state + ")").hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void aPoolTimeoutWithoutStateIsARetryableConnectionProblem() {
        WarehouseException e = SqlFailures.classify("reading x",
                new SQLTransientConnectionException("pool - Connection is not available, request timed out"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.reason()).isEqualTo("connection");
    }
}
