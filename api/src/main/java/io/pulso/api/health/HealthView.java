package io.pulso.api.health;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /health}. {@code unhealthy} (503) when the database or Temporal is down: nothing can run.
 * {@code degraded} (200) when runs fail: a table's latest run failed, or fewer than 90% of the recent finished
 * runs succeeded. {@code successRate} is null when it cannot be computed (no finished runs, database down).
 */
public record HealthView(String status, Instant checkedAt, Checks checks, Double successRate, int sampledRuns,
                         List<String> reasons) {

    public record Checks(String database, String temporal) {
    }
}
