package io.pulso.worker.refresh;

import io.pulso.core.refresh.RefreshStarter;
import java.time.Duration;

/**
 * When a run gives up by itself: a margin before the server would time its workflow out. A run the server times out
 * runs no more code, so its log row would stay {@code running}; a run that meets its deadline cancels its work, lets
 * the activity in flight settle and closes the row as failed.
 *
 * @param after      how long after the run's start the deadline falls
 * @param runTimeout the workflow execution timeout it is derived from
 */
record RunDeadline(Duration after, Duration runTimeout) {

    /**
     * Room to settle after the deadline: an in-flight LoadPages commits its page and stops (bounded by its 10 min
     * start-to-close, and by {@link #settle()}), then FailRun runs (bounded by its 10 min schedule-to-close).
     */
    static final Duration MARGIN = Duration.ofMinutes(30);

    /**
     * The deadline for a workflow started with {@code executionTimeout} (zero or null: none was set, and the run is
     * bounded by {@link RefreshStarter#RUN_TIMEOUT}, which the starter sets). A short timeout keeps three quarters of
     * itself for the work.
     */
    static RunDeadline of(Duration executionTimeout) {
        Duration timeout = executionTimeout == null || executionTimeout.isZero() ? RefreshStarter.RUN_TIMEOUT : executionTimeout;
        Duration quarter = timeout.dividedBy(4);
        Duration margin = quarter.compareTo(MARGIN) < 0 ? quarter : MARGIN;
        return new RunDeadline(timeout.minus(margin), timeout);
    }

    /**
     * How long after the deadline the step in flight may take to stop before the run closes its log row without it:
     * half the margin, so FailRun (bounded by 10 min) still fits before the timeout.
     */
    Duration settle() {
        return runTimeout.minus(after).dividedBy(2);
    }

    /** The log row's error: what happened, and that the committed pages are kept. */
    String message() {
        return "run exceeded its deadline of " + human(after) + " (its workflow times out after " + human(runTimeout)
                + "); pages committed so far stay loaded; retry the run to load the rest";
    }

    /** "11h30m", "15m", "45s". */
    static String human(Duration d) {
        StringBuilder text = new StringBuilder();
        if (d.toHours() > 0) {
            text.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || text.length() == 0) {
            text.append(d.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
