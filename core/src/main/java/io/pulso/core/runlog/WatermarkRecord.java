package io.pulso.core.runlog;

import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code etl_watermarks}: where a table's extraction stands and how its last run went. */
public record WatermarkRecord(String table, LocalDate watermark, String lastRunId, RunStatus lastStatus,
                              Instant lastStartedAt, Instant lastFinishedAt, Instant lastSuccessAt,
                              RowCounts lastCounts, String lastError) {
}
