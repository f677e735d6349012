package io.pulso.core.refresh;

import java.time.LocalDate;

/** How a run ended: the workflow's result, and what the execution log row says. */
public record RefreshResult(String runId, String table, RunStatus status, RefreshMode mode,
                            LocalDate windowFrom, LocalDate windowTo,
                            LocalDate watermarkBefore, LocalDate watermarkAfter,
                            RowCounts counts, int pages, long durationMs, String error, String notes) {
}
