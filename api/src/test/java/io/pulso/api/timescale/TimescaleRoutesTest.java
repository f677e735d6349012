package io.pulso.api.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimescaleRoutesTest {

    private static ApiTestFixture fixture;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void onPlainPostgresqlTheAnswerSaysItIsNotTimescaleDb() {
        ApiResponse response = fixture.api.get("/api/v1/etl/timescale");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("timescaledb").asBoolean(true)).isFalse();
        assertThat(body.path("message").asText()).startsWith("Not TimescaleDB: the database is plain PostgreSQL");
        assertThat(body.path("hypertables").isArray()).isTrue();
        assertThat(body.path("hypertables")).isEmpty();
        assertThat(body.path("jobs")).isEmpty();
        assertThat(body.path("available").asBoolean(true)).as("the server cannot install TimescaleDB").isFalse();
        assertThat(body.path("message").asText()).contains("`pulso db timescale` converts them with their rows");
        assertThat(body.path("notHypertables")).extracting(JsonNode::asText).containsExactly("dashboard_data",
                "evolution_data", "operation_data", "productivity_data", "etl_execution_log");
    }
}
