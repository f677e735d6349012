package io.pulso.api.status;

/**
 * How many catalog tables are in each state, by their latest run. Abandoned runs count as failed (the run
 * did not deliver); cancelled is its own count because someone chose it.
 */
public record TableCounts(int total, int successful, int failed, int running, int cancelled, int neverRun) {
}
