package io.pulso.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.core.refresh.RefreshMode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WatermarkRuleTest {

    private static final LocalDate NOV_10 = LocalDate.of(2026, 11, 10);
    private static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);
    private static final LocalDate NOV_27 = LocalDate.of(2026, 11, 27);

    @Test
    void incrementalAndFullRefreshTakeTheResultsMaximum() {
        assertThat(WatermarkRule.next(RefreshMode.INCREMENTAL, NOV_10, NOV_20, NOV_27).watermark()).isEqualTo(NOV_27);
        assertThat(WatermarkRule.next(RefreshMode.FULL_REFRESH, null, NOV_20, NOV_27).watermark()).isEqualTo(NOV_27);
        assertThat(WatermarkRule.next(RefreshMode.INCREMENTAL, null, null, NOV_27).watermark()).isEqualTo(NOV_27);
    }

    @Test
    void anEmptyResultOrABackfillLeavesIt() {
        assertThat(WatermarkRule.next(RefreshMode.INCREMENTAL, NOV_10, NOV_20, null).watermark()).isNull();
        assertThat(WatermarkRule.next(RefreshMode.BACKFILL, NOV_10, NOV_20, NOV_27)).isEqualTo(new WatermarkRule.Outcome(null, null));
    }

    @Test
    void aSlidingWindowMovesItOnlyWhenItReachesBackToIt() {
        assertThat(WatermarkRule.next(RefreshMode.SLIDING_WINDOW, NOV_10, NOV_20, NOV_27).watermark()).isEqualTo(NOV_27);

        WatermarkRule.Outcome gap = WatermarkRule.next(RefreshMode.SLIDING_WINDOW, NOV_20, NOV_10, NOV_27);
        assertThat(gap.watermark()).isNull();
        assertThat(gap.note()).contains("starts on 2026-11-20, after the watermark 2026-11-10");

        WatermarkRule.Outcome neverLoaded = WatermarkRule.next(RefreshMode.SLIDING_WINDOW, NOV_20, null, NOV_27);
        assertThat(neverLoaded.watermark()).isNull();
        assertThat(neverLoaded.note()).contains("never loaded");
    }
}
