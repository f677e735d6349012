package io.pulso.api.status;

import java.time.Instant;
import java.util.List;

/** {@code GET /status}: {@code healthy} when no table's latest run failed, else {@code degraded}. */
public record StatusView(String status, Instant generatedAt, TableCounts counts, List<TableSummary> tables,
                         List<ActivityView> recentActivity) {
}
