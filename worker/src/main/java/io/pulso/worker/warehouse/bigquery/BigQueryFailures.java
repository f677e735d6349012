package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.pulso.worker.warehouse.WarehouseException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sorts BigQuery failures into what a retry (Temporal's, with backoff) can fix and what it cannot, by the error
 * reason BigQuery gives (Google's table of BigQuery error reasons), then by HTTP status. The reason becomes the
 * {@link WarehouseException#reason()} that reaches the execution log; a permanent failure whose cure is a setting
 * says which.
 *
 * <p>{@code rateLimitExceeded} is a short-term limit and {@code quotaExceeded} a longer-term one (Google: wait
 * minutes, back off exponentially): both are retried, by Temporal's retry policy (1 s doubling to 1 min), within the
 * activity's 2-hour schedule-to-close bound. A quota that only resets daily (custom {@code QueryUsagePerDay} quotas,
 * the free tier's bytes) cannot clear within that bound, so such a quotaExceeded fails the run at once instead of
 * retrying for two hours.
 */
final class BigQueryFailures {

    private static final Set<String> TRANSIENT = Set.of("backendError", "rateLimitExceeded", "quotaExceeded",
            "internalError", "jobBackendError", "jobInternalError", "timeout", "tableUnavailable", "resourceInUse");
    private static final Set<String> PERMANENT = Set.of("invalidQuery", "invalid", "notFound", "accessDenied",
            "billingNotEnabled", "bytesBilledLimitExceeded", "responseTooLarge", "resourcesExceeded", "duplicate",
            "notImplemented", "blocked");
    /** quotaExceeded messages of quotas that reset once a day (or need billing): no retry of this run outlasts them. */
    private static final Pattern DAILY_QUOTA = Pattern.compile("(?i)per ?day|daily|QueryUsagePer|custom quota|free query bytes");

    /** The configured byte cap, named in the advice of bytesBilledLimitExceeded; null when there is none. */
    private final Long maxBytesBilled;

    BigQueryFailures(Long maxBytesBilled) {
        this.maxBytesBilled = maxBytesBilled;
    }

    WarehouseException classify(String action, BigQueryException e) {
        BigQueryError error = e.getError();
        String reason = error == null || error.getReason() == null ? null : error.getReason();
        String message = action + ": " + e.getMessage() + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "");
        if (reason != null && (TRANSIENT.contains(reason) || PERMANENT.contains(reason))) {
            return byReason(reason, message, e);
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
    WarehouseException jobFailed(String action, BigQueryError error) {
        String reason = error.getReason() == null ? "jobFailed" : error.getReason();
        String message = action + ": " + error.getMessage() + (error.getLocation() == null ? "" : " at " + error.getLocation());
        if (TRANSIENT.contains(reason) || PERMANENT.contains(reason)) {
            return byReason(reason, message, null);
        }
        return reason.startsWith("job") ? WarehouseException.retryable(reason, message, null)
                : WarehouseException.permanent(reason, message, null);
    }

    /**
     * A failed read of something only the job's creator may read: its result table (tables.get, tabledata.list;
     * a query's result is an anonymous table) or the job itself (jobs.get, without rights over others' jobs). There
     * accessDenied means this worker runs as another identity than the worker that inserted the job.
     */
    WarehouseException creatorOnlyRead(String action, String resource, BigQueryException e) {
        WarehouseException failure = classify(action, e);
        if (!"accessDenied".equals(failure.reason())) {
            return failure;
        }
        return WarehouseException.permanent("accessDenied", failure.getMessage() + "; " + resource + " is readable "
                + "only by the identity that ran the query job, so every worker must run as the same identity: give "
                + "all of them the same GOOGLE_APPLICATION_CREDENTIALS key (or the same Application Default "
                + "Credentials)", e);
    }

    private WarehouseException byReason(String reason, String message, Throwable cause) {
        return switch (reason) {
            case "quotaExceeded" -> DAILY_QUOTA.matcher(message).find()
                    ? WarehouseException.permanent(reason, message + "; a daily quota, which no retry of this run "
                            + "outlasts: wait for its reset (midnight US Pacific time) or have it raised "
                            + "(Google Cloud console, IAM & Admin > Quotas), then refresh again", cause)
                    : WarehouseException.retryable(reason, message, cause);
            case "bytesBilledLimitExceeded" -> WarehouseException.permanent(reason, message + "; the query would bill "
                    + "more than BIGQUERY_MAX_BYTES_BILLED allows (" + (maxBytesBilled == null ? "not set here"
                    : "now " + maxBytesBilled + " bytes") + "): raise it above the bytes './pulso bigquery check' "
                    + "reports for this table, or refresh a shorter window", cause);
            case "responseTooLarge" -> WarehouseException.permanent(reason, message + "; the extraction's result is "
                    + "larger than BigQuery returns for one query: refresh this table in shorter windows "
                    + "(mode backfill with from/to, several runs)", cause);
            default -> TRANSIENT.contains(reason) ? WarehouseException.retryable(reason, message, cause)
                    : WarehouseException.permanent(reason, message, cause);
        };
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
