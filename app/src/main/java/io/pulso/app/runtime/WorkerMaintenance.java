package io.pulso.app.runtime;

import io.pulso.core.concurrent.DaemonThreads;
import io.pulso.core.runs.RunLedgerPruner;
import io.pulso.core.runs.StaleRunCleaner;
import io.pulso.core.runs.WorkflowRuns;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's periodic upkeep (the stale-run sweep, the ledger pruning) on one background thread. A round that fails
 * is logged and the task runs again at its next interval: upkeep never stops the worker nor its own schedule.
 */
public final class WorkerMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerMaintenance.class);

    /** One periodic task; a zero interval leaves it off. */
    public record Task(String name, Duration interval, Runnable work) {
    }

    /** How a task has gone so far. */
    public record Progress(String name, long rounds, long failures) {
    }

    private record Scheduled(Task task, AtomicLong rounds, AtomicLong failures) {
        Progress progress() {
            return new Progress(task.name(), rounds.get(), failures.get());
        }
    }

    private final ScheduledExecutorService executor;
    private final List<Scheduled> tasks;

    private WorkerMaintenance(ScheduledExecutorService executor, List<Scheduled> tasks) {
        this.executor = executor;
        this.tasks = tasks;
    }

    /** The worker's upkeep: the stale-run sweep and the ledger pruning at the intervals of {@code settings}. */
    public static List<Task> tasks(MaintenanceSettings settings, DataSource dataSource, WorkflowRuns workflows, Clock clock) {
        StaleRunCleaner cleaner = new StaleRunCleaner(dataSource, workflows, clock);
        RunLedgerPruner pruner = new RunLedgerPruner(dataSource, settings.retentionMonths());
        return List.of(new Task("stale-run sweep", settings.staleSweepInterval(), cleaner::closeStale),
                new Task("ledger pruning", settings.ledgerPruneInterval(), pruner::prune));
    }

    /** Starts the tasks whose interval is not zero; each first runs one interval from now. */
    public static WorkerMaintenance start(List<Task> tasks) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("pulso-worker-maintenance"));
        List<Scheduled> scheduled = tasks.stream().filter(t -> !t.interval().isZero())
                .map(t -> new Scheduled(t, new AtomicLong(), new AtomicLong())).toList();
        for (Scheduled s : scheduled) {
            long millis = s.task().interval().toMillis();
            executor.scheduleWithFixedDelay(() -> runOnce(s), millis, millis, TimeUnit.MILLISECONDS);
            log.info("worker upkeep: {} every {}", s.task().name(), readable(s.task().interval()));
        }
        tasks.stream().filter(t -> t.interval().isZero()).forEach(t -> log.info("worker upkeep: {} is off", t.name()));
        return new WorkerMaintenance(executor, scheduled);
    }

    private static void runOnce(Scheduled s) {
        try {
            s.task().work().run();
        } catch (RuntimeException | LinkageError e) {
            // Thrown out of a scheduled task it would cancel every later round: log it and try again next time.
            s.failures().incrementAndGet();
            log.warn("worker upkeep: {} failed, trying again in {}: {}", s.task().name(), readable(s.task().interval()),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            s.rounds().incrementAndGet();
        }
    }

    private static String readable(Duration interval) {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
    }

    public List<Progress> progress() {
        return tasks.stream().map(Scheduled::progress).toList();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
