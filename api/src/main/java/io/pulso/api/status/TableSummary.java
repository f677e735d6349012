package io.pulso.api.status;

import java.time.Instant;
import java.time.LocalDate;

/** One table's line in the overview. {@code status} is the latest run's status, or {@code never_run}. */
public record TableSummary(String table, String status, LocalDate watermark, Instant lastSuccessAt, Instant lastFinishedAt,
                           Instant nextScheduledAt) {
}
