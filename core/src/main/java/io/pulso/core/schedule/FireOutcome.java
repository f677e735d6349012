package io.pulso.core.schedule;

import java.time.Instant;

/**
 * What one firing of a table's schedule did.
 *
 * @param outcome started (a refresh began), skipped (one was already running) or failed (could not start)
 * @param runId   the run started, or the run in progress that made the firing skip
 */
public record FireOutcome(String table, Instant firedAt, String outcome, String runId, String detail) {

    public static final String STARTED = "started";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
}
