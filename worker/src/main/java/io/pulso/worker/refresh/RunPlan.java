package io.pulso.worker.refresh;

import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.Trigger;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A run as begun: its window, starting watermark and guard overrides, fixed once and read back by every later
 * activity. {@code overrides} is null in plans of workflows begun before it existed.
 */
public record RunPlan(String runId, String workflowId, String table, RefreshMode mode, Trigger trigger,
                      LocalDate windowFrom, LocalDate windowTo, LocalDate watermarkBefore, Instant startedAt,
                      GuardOverrides overrides) {

    public GuardOverrides guardOverrides() {
        return overrides == null ? GuardOverrides.NONE : overrides;
    }
}
