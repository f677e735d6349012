package io.pulso.worker.refresh;

import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.Trigger;
import java.time.Instant;
import java.time.LocalDate;

/** A run as begun: its window and starting watermark, fixed once and read back by every later activity. */
public record RunPlan(String runId, String workflowId, String table, RefreshMode mode, Trigger trigger,
                      LocalDate windowFrom, LocalDate windowTo, LocalDate watermarkBefore, Instant startedAt) {
}
