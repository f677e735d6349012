package io.pulso.worker.warehouse.bigquery;

import java.time.Duration;

/** How often a running job is looked at: starting at {@code first}, doubling up to {@code max}. */
public record JobPolling(Duration first, Duration max) {

    public JobPolling {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("polling needs 0 < first <= max, got " + first + ", " + max);
        }
    }

    /** Heartbeats go out at every poll, so {@code max} stays far below the Extract heartbeat timeout (5 min). */
    public static JobPolling standard() {
        return new JobPolling(Duration.ofMillis(500), Duration.ofSeconds(5));
    }
}
