package io.pulso.worker.refresh;

import io.pulso.worker.load.PageDataException;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.util.Set;

/**
 * Turns failures into Temporal application failures whose type is a short reason and whose retryability says
 * whether trying again can help. Temporal's retry policy then retries only what is worth retrying.
 */
final class ActivityErrors {

    /** SQLState classes and codes of failures that go away by themselves: connection, resources, contention. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40", "55");

    private ActivityErrors() {
    }

    static ApplicationFailure nonRetryable(String reason, String message) {
        return ApplicationFailure.newNonRetryableFailure(message, reason);
    }

    static ApplicationFailure fromSql(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = what + ": " + SqlFailureText.of(e) + (state.isEmpty() ? "" : " (SQLState " + state + ")");
        if (state.length() >= 2 && !TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
            // Data (22), integrity (23), syntax or missing objects (42): the same statement fails again.
            // Without the cause: the server's detail line (in the cause's message) can hold a row's values.
            return ApplicationFailure.newNonRetryableFailure(message, "DatabaseRejected");
        }
        return ApplicationFailure.newFailureWithCause(message, "DatabaseUnavailable", e);
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
