package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.pulso.worker.warehouse.WarehouseException;
import java.io.IOException;
import java.util.Set;

/**
 * Sorts BigQuery failures into what a retry (Temporal's, with backoff) can fix and what it cannot, by the error
 * reason BigQuery gives, then by HTTP status. The reason becomes the {@link WarehouseException#reason()} that
 * reaches the execution log.
 */
final class BigQueryFailures {

    private static final Set<String> TRANSIENT = Set.of("backendError", "rateLimitExceeded", "internalError",
            "jobBackendError", "jobInternalError", "timeout", "tableUnavailable", "resourceInUse");
    /** quotaExceeded is here: its daily and per-project limits do not clear within a run's retries. */
    private static final Set<String> PERMANENT = Set.of("invalidQuery", "invalid", "notFound", "accessDenied",
            "billingNotEnabled", "bytesBilledLimitExceeded", "quotaExceeded", "responseTooLarge", "resourcesExceeded",
            "duplicate", "notImplemented", "blocked");

    private BigQueryFailures() {
    }

    static WarehouseException classify(String action, BigQueryException e) {
        BigQueryError error = e.getError();
        String reason = error == null || error.getReason() == null ? null : error.getReason();
        String message = action + ": " + e.getMessage() + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "");
        if (reason != null && TRANSIENT.contains(reason)) {
            return WarehouseException.retryable(reason, message, e);
        }
        if (reason != null && PERMANENT.contains(reason)) {
            return WarehouseException.permanent(reason, message, e);
        }
        if (e.getCode() >= 500) {
            return WarehouseException.retryable(reason != null ? reason : "http" + e.getCode(), message, e);
        }
        if (e.getCode() == 429) {
            return WarehouseException.retryable(reason != null ? reason : "rateLimitExceeded", message, e);
        }
        if (e.getCode() >= 400) {
            return WarehouseException.permanent(reason != null ? reason : "http" + e.getCode(), message, e);
        }
        // No HTTP status: the request never got an answer (reset connection, read timeout, DNS).
        if (causedByIo(e)) {
            return WarehouseException.retryable("connection", message, e);
        }
        return WarehouseException.retryable(reason != null ? reason : "unknown", message, e);
    }

    /** A job that finished with an error: the job's own error result says why. */
    static WarehouseException jobFailed(String action, BigQueryError error) {
        String reason = error.getReason() == null ? "jobFailed" : error.getReason();
        String message = action + ": " + error.getMessage() + (error.getLocation() == null ? "" : " at " + error.getLocation());
        return TRANSIENT.contains(reason) || !PERMANENT.contains(reason) && reason.startsWith("job")
                ? WarehouseException.retryable(reason, message, null)
                : WarehouseException.permanent(reason, message, null);
    }

    static boolean isTransient(BigQueryError error) {
        return jobFailed("", error).retryable();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
