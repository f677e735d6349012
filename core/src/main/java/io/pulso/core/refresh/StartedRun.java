package io.pulso.core.refresh;

/** A refresh that was just started. */
public record StartedRun(String table, String workflowId, String runId, RefreshMode mode, Trigger trigger) {
}
