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
 * {@code pulso_run_duration_seconds{table,status}} (count, sum, max), {@code pulso_last_success_timestamp_seconds{table}}
 * and {@code pulso_run_failures_total{table,reason}}.
 */
public final class MicrometerRefreshMetrics implements RefreshMetrics {

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
                .tags("table", table, "status", status).register(registry).record(duration);
    }
}
