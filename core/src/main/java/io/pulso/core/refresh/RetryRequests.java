package io.pulso.core.refresh;

import io.pulso.core.runlog.RunRecord;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Builds the request that retries a run: same table, same mode and window, trigger retry, linked to the run it retries. */
public final class RetryRequests {

    private RetryRequests() {
    }

    /**
     * Incremental and full refresh recompute their window as before (a failed run never moved the watermark, so an
     * incremental retry starts where the failed run started). A backfill repeats its dates. A sliding window repeats its
     * length in days, measured from the day the failed run started (in {@code businessZone}) to its window's start.
     */
    public static RefreshRequest of(RunRecord run, ZoneId businessZone) {
        return switch (run.mode()) {
            case INCREMENTAL, FULL_REFRESH -> new RefreshRequest(run.table(), run.mode(), null, null, null, Trigger.RETRY, run.runId());
            case BACKFILL -> new RefreshRequest(run.table(), run.mode(), null, run.windowFrom(), run.windowTo(), Trigger.RETRY,
                    run.runId());
            case SLIDING_WINDOW -> new RefreshRequest(run.table(), run.mode(), slidingDays(run, businessZone), null, null,
                    Trigger.RETRY, run.runId());
        };
    }

    private static Integer slidingDays(RunRecord run, ZoneId zone) {
        if (run.windowFrom() == null || run.startedAt() == null) {
            return null; // failed before its window was fixed: the table's default length
        }
        LocalDate startedOn = LocalDate.ofInstant(run.startedAt(), zone);
        long days = ChronoUnit.DAYS.between(run.windowFrom(), startedOn);
        return days < 1 || days > RefreshRequest.MAX_DAYS ? null : (int) days;
    }
}
