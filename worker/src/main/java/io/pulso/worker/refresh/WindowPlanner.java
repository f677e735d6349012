package io.pulso.worker.refresh;

import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.worker.warehouse.ExtractionWindow;
import java.time.LocalDate;

/** Computes a run's window from its mode, the table's watermark and settings, and today's date. */
public final class WindowPlanner {

    private WindowPlanner() {
    }

    /**
     * <ul>
     *   <li>incremental: from watermark − lookback (subtracted once), open upper bound; no watermark yet → whole source</li>
     *   <li>full refresh: the whole source</li>
     *   <li>sliding window: the last {@code days} days (default: the table's lookback) up to the newest data,
     *       i.e. from today − days</li>
     *   <li>backfill: exactly [from, to]</li>
     * </ul>
     */
    public static ExtractionWindow plan(TableDefinition table, RefreshRequest request, LocalDate watermark, LocalDate today) {
        return switch (request.mode()) {
            case INCREMENTAL -> watermark == null
                    ? ExtractionWindow.unbounded()
                    : new ExtractionWindow(watermark.minusDays(table.lookbackDays()), null);
            case FULL_REFRESH -> ExtractionWindow.unbounded();
            case SLIDING_WINDOW -> new ExtractionWindow(
                    today.minusDays(request.days() != null ? request.days() : Math.max(1, table.lookbackDays())), null);
            case BACKFILL -> new ExtractionWindow(request.from(), request.to());
        };
    }
}
