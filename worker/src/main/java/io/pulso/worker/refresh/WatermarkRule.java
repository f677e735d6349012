package io.pulso.worker.refresh;

import io.pulso.core.refresh.RefreshMode;
import java.time.LocalDate;

/**
 * Where a successful run leaves the watermark: at the max incremental value of its own result, but only when the
 * run covered everything from the old watermark on. A backfill never moves it; a sliding window that starts after
 * the watermark (or on a table never loaded) does not either, since moving it would skip the days in between.
 */
public final class WatermarkRule {

    /** The new watermark (null = leave it), and a note for the log when it was deliberately left. */
    public record Outcome(LocalDate watermark, String note) {
    }

    private WatermarkRule() {
    }

    public static Outcome next(RefreshMode mode, LocalDate windowFrom, LocalDate before, LocalDate resultMax) {
        return next(mode, windowFrom, before, resultMax, false);
    }

    /**
     * As {@link #next(RefreshMode, LocalDate, LocalDate, LocalDate)}; the watermark never moves back (a result whose
     * newest value is before it keeps it, with a note) unless {@code rewind} says so.
     */
    public static Outcome next(RefreshMode mode, LocalDate windowFrom, LocalDate before, LocalDate resultMax, boolean rewind) {
        if (mode == RefreshMode.BACKFILL || resultMax == null) {
            return new Outcome(null, null);
        }
        if (before != null && resultMax.isBefore(before)) {
            return rewind
                    ? new Outcome(resultMax, "watermark moved back from " + before + " to " + resultMax + " on request")
                    : new Outcome(null, "watermark kept at " + before + ": the result's newest value " + resultMax
                            + " is before it (a request with \"rewindWatermark\": true moves it back)");
        }
        if (mode == RefreshMode.SLIDING_WINDOW && (before == null || (windowFrom != null && windowFrom.isAfter(before)))) {
            return new Outcome(null, "watermark not advanced: the sliding window starts on " + windowFrom
                    + (before == null ? " and the table was never loaded" : ", after the watermark " + before)
                    + "; an incremental refresh loads the days before it");
        }
        return new Outcome(resultMax, null);
    }
}
