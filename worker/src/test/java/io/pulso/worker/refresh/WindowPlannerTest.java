package io.pulso.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.Trigger;
import io.pulso.worker.warehouse.ExtractionWindow;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    private static final TableDefinition DASHBOARD = TableCatalog.pulso().require("dashboard_data"); // lookback 7
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final LocalDate WATERMARK = LocalDate.of(2026, 11, 20);

    private static RefreshRequest request(RefreshMode mode, Integer days, LocalDate from, LocalDate to) {
        return new RefreshRequest("dashboard_data", mode, days, from, to, Trigger.API, null);
    }

    @Test
    void incrementalSubtractsTheLookbackOnceFromTheWatermark() {
        assertThat(WindowPlanner.plan(DASHBOARD, request(RefreshMode.INCREMENTAL, null, null, null), WATERMARK, TODAY))
                .isEqualTo(new ExtractionWindow(LocalDate.of(2026, 11, 13), null));
    }

    @Test
    void firstIncrementalRunReadsTheWholeSourceWithoutAnyLookback() {
        assertThat(WindowPlanner.plan(DASHBOARD, request(RefreshMode.INCREMENTAL, null, null, null), null, TODAY))
                .isEqualTo(ExtractionWindow.unbounded());
    }

    @Test
    void fullRefreshIgnoresTheWatermark() {
        assertThat(WindowPlanner.plan(DASHBOARD, request(RefreshMode.FULL_REFRESH, null, null, null), WATERMARK, TODAY))
                .isEqualTo(ExtractionWindow.unbounded());
    }

    @Test
    void slidingWindowCountsBackFromToday() {
        assertThat(WindowPlanner.plan(DASHBOARD, request(RefreshMode.SLIDING_WINDOW, 3, null, null), WATERMARK, TODAY))
                .isEqualTo(new ExtractionWindow(LocalDate.of(2026, 11, 24), null));
        assertThat(WindowPlanner.plan(DASHBOARD, request(RefreshMode.SLIDING_WINDOW, null, null, null), null, TODAY))
                .isEqualTo(new ExtractionWindow(LocalDate.of(2026, 11, 20), null));
    }

    @Test
    void backfillIsExactlyTheRange() {
        LocalDate from = LocalDate.of(2026, 9, 1);
        LocalDate to = LocalDate.of(2026, 9, 30);
        assertThat(WindowPlanner.plan(DASHBOARD, request(RefreshMode.BACKFILL, null, from, to), WATERMARK, TODAY))
                .isEqualTo(new ExtractionWindow(from, to));
    }
}
