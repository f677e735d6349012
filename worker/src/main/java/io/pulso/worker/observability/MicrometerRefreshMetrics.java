package io.pulso.worker.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulso.core.refresh.RowCounts;
import io.pulso.worker.refresh.RefreshMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The refresh metrics as Micrometer meters. In Prometheus they read: {@code pulso_rows_loaded_total{table,outcome}}
 * (inserted, updated, unchanged, deleted), {@code pulso_pages_loaded_total{table}},
 * {@code pulso_run_duration_seconds{table,status}} (count, sum, max, and {@code _bucket} for percentiles),
 * {@code pulso_last_success_timestamp_seconds{table}} and {@code pulso_run_failures_total{table,reason}}.
 */
public final class MicrometerRefreshMetrics implements RefreshMetrics {

    /**
     * Histogram buckets of the run duration, for percentiles in Prometheus ({@code histogram_quantile}): from a
     * one-page incremental run (seconds) to a full refresh of the largest table (hours). A fixed short list keeps
     * the series per table and status small.
     */
    static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4)};

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccessEpochSeconds = new ConcurrentHashMap<>();

    public MicrometerRefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void runSucceeded(String table, RowCounts counts, int pages, Duration duration, Instant finishedAt) {
        rows(table, counts);
        pages(table, pages);
        duration(table, "succeeded", duration);
        lastSuccessEpochSeconds.computeIfAbsent(table, t -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("pulso.last.success.timestamp", holder, AtomicLong::doubleValue).baseUnit("seconds")
                    .description("When the table's last successful refresh finished (Unix time)").tag("table", t)
                    .register(registry);
            return holder;
        }).set(finishedAt.getEpochSecond());
    }

    @Override
    public void runFailed(String table, String error, RowCounts counts, int pages, Duration duration) {
        rows(table, counts);
        pages(table, pages);
        duration(table, "failed", duration);
        Counter.builder("pulso.run.failures").description("Refresh runs that failed, by reason")
                .tags("table", table, "reason", FailureReason.of(error)).register(registry).increment();
    }

    @Override
    public void runHeld(String table, RowCounts counts, int pages, Duration duration) {
        rows(table, counts);
        pages(table, pages);
        duration(table, "held", duration);
        row(table, "kept", counts.kept());
    }

    @Override
    public void runCancelled(String table, RowCounts counts, int pages, Duration duration) {
        rows(table, counts);
        pages(table, pages);
        duration(table, "cancelled", duration);
    }

    private void rows(String table, RowCounts counts) {
        row(table, "inserted", counts.inserted());
        row(table, "updated", counts.updated());
        row(table, "unchanged", counts.unchanged());
        row(table, "deleted", counts.deleted());
    }

    private void row(String table, String outcome, long count) {
        Counter.builder("pulso.rows.loaded").description("Rows written to the destination by refreshes, by outcome")
                .tags("table", table, "outcome", outcome).register(registry).increment(count);
    }

    private void pages(String table, int pages) {
        Counter.builder("pulso.pages.loaded").description("Result pages committed by refreshes")
                .tag("table", table).register(registry).increment(pages);
    }

    private void duration(String table, String status, Duration duration) {
        Timer.builder("pulso.run.duration").description("Refresh run duration, from BeginRun to the run's close")
                .tags("table", table, "status", status).serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry).record(duration);
    }
}
