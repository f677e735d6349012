package io.pulso.api.health;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.concurrent.DaemonThreads;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRecord;
import io.pulso.core.runlog.WatermarkRepository;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the database and Temporal, each with a deadline so a hung dependency makes the check answer
 * "down" quickly instead of hanging the load balancer's probe.
 */
public final class HealthChecker implements AutoCloseable {

    static final int SAMPLE = 50;
    static final double DEGRADED_BELOW = 0.9;
    private static final long PROBE_TIMEOUT_MS = 3_000;
    /** Bounds the walk through the log when many runs are still running or cancelled. */
    private static final int MAX_SCANNED = 1_000;
    private static final int PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final TableCatalog catalog;
    private final ExecutionLogRepository runs;
    private final WatermarkRepository watermarks;
    private final DataSource dataSource;
    private final BooleanSupplier temporalProbe;
    private final Clock clock;
    private final ExecutorService probes = Executors.newCachedThreadPool(DaemonThreads.named("api-health-probe"));

    public HealthChecker(TableCatalog catalog, ExecutionLogRepository runs, WatermarkRepository watermarks,
                         DataSource dataSource, BooleanSupplier temporalProbe, Clock clock) {
        this.catalog = catalog;
        this.runs = runs;
        this.watermarks = watermarks;
        this.dataSource = dataSource;
        this.temporalProbe = temporalProbe;
        this.clock = clock;
    }

    public HealthView check() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_TIMEOUT_MS);
        Future<Boolean> database = probes.submit(this::pingDatabase);
        Future<Boolean> temporal = probes.submit(temporalProbe::getAsBoolean);
        boolean databaseUp = outcome("database", database, deadline);
        boolean temporalUp = outcome("temporal", temporal, deadline);

        List<String> reasons = new ArrayList<>();
        Double successRate = null;
        int sampled = 0;
        if (!databaseUp) {
            reasons.add("database unreachable");
        }
        if (!temporalUp) {
            reasons.add("Temporal unreachable");
        }
        if (databaseUp) {
            try {
                List<RunStatus> outcomes = recentOutcomes();
                sampled = outcomes.size();
                if (sampled > 0) {
                    long succeeded = outcomes.stream().filter(s -> s == RunStatus.SUCCEEDED).count();
                    successRate = Math.round(1000.0 * succeeded / sampled) / 1000.0;
                    if (successRate < DEGRADED_BELOW) {
                        reasons.add("success rate " + successRate + " over the last " + sampled + " finished runs is below "
                                + DEGRADED_BELOW);
                    }
                }
                for (WatermarkRecord mark : watermarks.all()) {
                    if (catalog.find(mark.table()).isPresent()
                            && mark.lastStatus() != null && mark.lastStatus().needsAttention()) {
                        reasons.add("latest run of " + mark.table() + " " + mark.lastStatus().wireName());
                    }
                }
            } catch (RuntimeException e) {
                // The ping passed but the log could not be read: report what we know rather than fail the check.
                log.warn("health: execution log not readable: {}", e.toString());
                reasons.add("execution log not readable");
            }
        }
        String status = !databaseUp || !temporalUp ? "unhealthy" : reasons.isEmpty() ? "healthy" : "degraded";
        return new HealthView(status, clock.instant(),
                new HealthView.Checks(databaseUp ? "up" : "down", temporalUp ? "up" : "down"), successRate, sampled, reasons);
    }

    /**
     * Outcomes of the last {@value #SAMPLE} runs that ended on their own (succeeded, failed, abandoned), newest
     * first. Running runs have no outcome yet and cancelled ones were someone's choice, so both are skipped.
     */
    private List<RunStatus> recentOutcomes() {
        List<RunStatus> outcomes = new ArrayList<>();
        for (int offset = 0; offset < MAX_SCANNED && outcomes.size() < SAMPLE; offset += PAGE) {
            List<RunRecord> page = runs.list(null, null, PAGE, offset);
            for (RunRecord run : page) {
                if (run.status().finished() && run.status() != RunStatus.CANCELLED && outcomes.size() < SAMPLE) {
                    outcomes.add(run.status());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return outcomes;
    }

    private boolean pingDatabase() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        }
    }

    private static boolean outcome(String what, Future<Boolean> probe, long deadlineNanos) {
        try {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            return Boolean.TRUE.equals(probe.get(left, TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            probe.cancel(true);
            log.warn("health: {} probe failed: {}", what, e.getCause() != null ? e.getCause().toString() : e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
