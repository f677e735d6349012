package io.pulso.core.runlog;

import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code etl_execution_log}: one run of one table; {@code overrides} never null. */
public record RunRecord(String runId, String workflowId, String table, RefreshMode mode, Trigger trigger, RunStatus status,
                        LocalDate windowFrom, LocalDate windowTo, LocalDate watermarkBefore, LocalDate watermarkAfter,
                        RowCounts counts, int pages, int attempts, Instant startedAt, Instant finishedAt, Long durationMs,
                        String errorMessage, String notes, String retryOf, GuardOverrides overrides) {

    public RunRecord {
        overrides = overrides == null ? GuardOverrides.NONE : overrides;
    }

    /** A run under the guards' defaults. */
    public RunRecord(String runId, String workflowId, String table, RefreshMode mode, Trigger trigger, RunStatus status,
                     LocalDate windowFrom, LocalDate windowTo, LocalDate watermarkBefore, LocalDate watermarkAfter,
                     RowCounts counts, int pages, int attempts, Instant startedAt, Instant finishedAt, Long durationMs,
                     String errorMessage, String notes, String retryOf) {
        this(runId, workflowId, table, mode, trigger, status, windowFrom, windowTo, watermarkBefore, watermarkAfter, counts,
                pages, attempts, startedAt, finishedAt, durationMs, errorMessage, notes, retryOf, GuardOverrides.NONE);
    }
}
