package io.pulso.core.runs;

/** A run the log still showed as running whose workflow no longer runs; it was closed as abandoned for {@code reason}. */
public record AbandonedRun(String runId, String workflowId, String table, String reason) {
}
