package io.pulso.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RefreshRequestTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 2);

    @Test
    void eachModeAcceptsOnlyItsOwnParameters() {
        assertThat(new RefreshRequest("t", RefreshMode.BACKFILL, null, D1, D2, Trigger.API, null).from()).isEqualTo(D1);
        assertThatThrownBy(() -> new RefreshRequest("t", RefreshMode.BACKFILL, null, D2, D1, Trigger.API, null))
                .hasMessage("'from' (2026-11-02) is after 'to' (2026-11-01)");
        assertThatThrownBy(() -> new RefreshRequest("t", RefreshMode.BACKFILL, null, D1, null, Trigger.API, null))
                .hasMessageContaining("needs both 'from' and 'to'");
        assertThatThrownBy(() -> new RefreshRequest("t", RefreshMode.INCREMENTAL, 3, null, null, Trigger.API, null))
                .hasMessageContaining("'days' applies only to mode sliding_window");
        assertThatThrownBy(() -> new RefreshRequest("t", RefreshMode.SLIDING_WINDOW, 0, null, null, Trigger.API, null))
                .hasMessage("'days' must be between 1 and 3650, got 0");
        assertThatThrownBy(() -> new RefreshRequest("t", RefreshMode.FULL_REFRESH, null, D1, D2, Trigger.API, null))
                .hasMessageContaining("apply only to mode backfill");
    }

    @Test
    void modesHaveTheOldWireNames() {
        assertThat(RefreshMode.fromWireName("full_refresh")).isEqualTo(RefreshMode.FULL_REFRESH);
        assertThat(RefreshMode.BACKFILL.movesWatermark()).isFalse();
        assertThatThrownBy(() -> RefreshMode.fromWireName("FULL"))
                .hasMessage("unknown mode 'FULL'; expected one of incremental, full_refresh, sliding_window, backfill");
    }
}
