package io.pulso.worker.refresh;

import io.pulso.core.config.Durations;
import io.pulso.core.db.Database;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.worker.load.PageDataException;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.failure.ApplicationFailure;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;

/**
 * Turns failures into Temporal application failures whose type is a short reason and whose retryability says
 * whether trying again can help. Temporal's retry policy then retries only what is worth retrying.
 */
final class ActivityErrors {

    private static final String QUERY_CANCELED = "57014";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";
    /** configuration_limit_exceeded; TimescaleDB raises it for its tuple decompression limit. */
    private static final String CONFIGURATION_LIMIT = "53400";

    /** SQLState classes and codes of failures that go away by themselves: connection, resources, contention. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40", "55");

    private ActivityErrors() {
    }

    static ApplicationFailure nonRetryable(String reason, String message) {
        return ApplicationFailure.newNonRetryableFailure(message, reason);
    }

    /** {@code what} failed with {@code e}; a timeout names the limit it hit, with its value from {@code timeouts}. */
    static ApplicationFailure fromSql(String what, SQLException e, DatabaseTimeouts timeouts) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String suffix = state.isEmpty() ? "" : " (SQLState " + state + ")";
        if (CONFIGURATION_LIMIT.equals(state)) {
            // A limit of the server's configuration: the same statement hits it again until someone changes it.
            return ApplicationFailure.newNonRetryableFailureWithCause(what + ": " + configurationLimit(e) + suffix,
                    "DatabaseLimit", e);
        }
        String timeout = timeoutOf(e, state, timeouts);
        if (timeout != null) {
            return ApplicationFailure.newFailureWithCause(what + ": " + timeout + suffix, "DatabaseTimeout", e);
        }
        String message = what + ": " + SqlFailureText.of(e) + suffix;
        if (state.length() >= 2 && !TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
            // Data (22), integrity (23), syntax or missing objects (42): the same statement fails again.
            // Without the cause: the server's detail line (in the cause's message) can hold a row's values.
            return ApplicationFailure.newNonRetryableFailure(message, "DatabaseRejected");
        }
        return ApplicationFailure.newFailureWithCause(message, "DatabaseUnavailable", e);
    }

    /** Which of the database limits {@code e} ran into, with its value, or null for another failure. */
    private static String timeoutOf(SQLException e, String state, DatabaseTimeouts timeouts) {
        String serverMessage = e.getMessage() == null ? "" : e.getMessage();
        if (QUERY_CANCELED.equals(state) && serverMessage.contains("statement timeout")) {
            return "statement timeout (" + Durations.text(timeouts.statementTimeout()) + ") exceeded";
        }
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            return "lock timeout (" + Durations.text(timeouts.lockTimeout()) + ") exceeded";
        }
        if (IDLE_IN_TRANSACTION_TIMEOUT.equals(state)) {
            return "idle-in-transaction timeout (" + Durations.text(timeouts.idleInTransactionTimeout())
                    + ") exceeded: the server closed the session";
        }
        if (e instanceof SQLTransientConnectionException && serverMessage.contains("Connection is not available")) {
            // HikariCP's wait for a pooled connection ran out.
            return "no database connection within " + Durations.text(timeouts.acquireTimeout())
                    + " (the database does not answer, or every connection of the pool is busy)";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "no answer from the database within the socket timeout ("
                        + Durations.text(timeouts.socketTimeout()) + ")";
            }
        }
        return null;
    }

    private static String configurationLimit(SQLException e) {
        String root = Database.rootMessage(e);
        if (root.toLowerCase(Locale.ROOT).contains("decompress")) {
            return "tuple decompression limit exceeded: raise timescaledb.max_tuples_decompressed_per_dml_transaction "
                    + "(0 = no limit) for the worker's database user, or load smaller pages (PAGE_SIZE)";
        }
        return "a configuration limit of the database was exceeded: " + root;
    }

    static ApplicationFailure fromWarehouse(WarehouseException e) {
        String message = "warehouse " + e.reason() + ": " + e.getMessage();
        return e.retryable()
                ? ApplicationFailure.newFailureWithCause(message, "Warehouse." + e.reason(), e)
                : ApplicationFailure.newNonRetryableFailureWithCause(message, "Warehouse." + e.reason(), e);
    }

    static ApplicationFailure fromPageData(PageDataException e) {
        return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), "InvalidData", e);
    }
}
