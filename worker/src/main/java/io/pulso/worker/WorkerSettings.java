package io.pulso.worker;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Durations;
import io.pulso.core.config.Env;
import io.pulso.core.db.DatabaseTimeouts;
import io.temporal.activity.ActivityOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a worker process may change about how refreshes run, read once at start from its environment.
 *
 * @param loadHeartbeatTimeout    {@code LOAD_HEARTBEAT_TIMEOUT} (seconds): a LoadPages activity that sends no heartbeat
 *                                for this long is given up and retried on another worker. LoadPages heartbeats after
 *                                every committed page, so this is how soon the pages of a killed worker carry on
 *                                elsewhere, and it must stay above the time one page takes to read and load.
 * @param extractHeartbeatTimeout {@code EXTRACT_HEARTBEAT_TIMEOUT} (seconds): the same for Extract, which heartbeats
 *                                while it waits for the warehouse's job (BigQuery: at every poll, at most 5 s apart).
 * @param stickyTimeout           {@code STICKY_SCHEDULE_TO_START_TIMEOUT} (seconds): how long the server keeps the
 *                                next workflow task of a run for the worker that has the run cached, before any worker
 *                                may take it; after that worker dies, the run waits this long once. 0 = no sticky
 *                                execution (every workflow task replays the run's short history): needed against the
 *                                embedded Temporal test server, which never moves a task off a dead worker's queue.
 * @param pageSize                {@code PAGE_SIZE}: rows per page for every table instead of the catalog's per-table
 *                                size; empty = the catalog's.
 */
public record WorkerSettings(Duration loadHeartbeatTimeout, Duration extractHeartbeatTimeout, Duration stickyTimeout,
                             OptionalInt pageSize) {

    public static final Duration DEFAULT_LOAD_HEARTBEAT_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_EXTRACT_HEARTBEAT_TIMEOUT = Duration.ofMinutes(5);
    /** The SDK's default. */
    public static final Duration DEFAULT_STICKY_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Start-to-close bound of the bookkeeping activities (BeginRun, FinishRun, FailRun, CancelRun) and of a schedule
     * firing: above the worker's database socket timeout plus its connection wait, so a stalled database fails the
     * attempt by its own timeout, naming it, before Temporal gives up on the attempt.
     */
    public static final Duration BOOKKEEPING_START_TO_CLOSE = Duration.ofMinutes(2);
    /** Activity type names, as {@code @ActivityMethod} names them in RefreshActivities. */
    static final String LOAD_PAGES = "LoadPages";
    static final String EXTRACT = "Extract";
    /** Bounds in seconds; the upper ones stay below LoadPages' and Extract's start-to-close timeouts (10 and 30 min). */
    static final int LOAD_MIN = 2;
    static final int LOAD_MAX = 600;
    static final int EXTRACT_MIN = 10;
    static final int EXTRACT_MAX = 1800;
    static final int STICKY_MAX = 60;

    public WorkerSettings {
        requireBetween("loadHeartbeatTimeout", loadHeartbeatTimeout, LOAD_MIN, LOAD_MAX);
        requireBetween("extractHeartbeatTimeout", extractHeartbeatTimeout, EXTRACT_MIN, EXTRACT_MAX);
        requireBetween("stickyTimeout", stickyTimeout, 0, STICKY_MAX);
        Objects.requireNonNull(pageSize, "pageSize"); // a size out of range is refused by TableDefinition when applied
    }

    /** The production defaults: the timeouts RefreshTableWorkflowImpl declares, the catalog's page sizes. */
    public static WorkerSettings standard() {
        return new WorkerSettings(DEFAULT_LOAD_HEARTBEAT_TIMEOUT, DEFAULT_EXTRACT_HEARTBEAT_TIMEOUT, DEFAULT_STICKY_TIMEOUT,
                OptionalInt.empty());
    }

    /**
     * Reads and validates {@code LOAD_HEARTBEAT_TIMEOUT}, {@code EXTRACT_HEARTBEAT_TIMEOUT},
     * {@code STICKY_SCHEDULE_TO_START_TIMEOUT} and {@code PAGE_SIZE}.
     */
    public static WorkerSettings fromEnv(Env env) {
        Duration load = Duration.ofSeconds(env.integer("LOAD_HEARTBEAT_TIMEOUT",
                (int) DEFAULT_LOAD_HEARTBEAT_TIMEOUT.toSeconds(), LOAD_MIN, LOAD_MAX));
        Duration extract = Duration.ofSeconds(env.integer("EXTRACT_HEARTBEAT_TIMEOUT",
                (int) DEFAULT_EXTRACT_HEARTBEAT_TIMEOUT.toSeconds(), EXTRACT_MIN, EXTRACT_MAX));
        Duration sticky = Duration.ofSeconds(env.integer("STICKY_SCHEDULE_TO_START_TIMEOUT",
                (int) DEFAULT_STICKY_TIMEOUT.toSeconds(), 0, STICKY_MAX));
        return new WorkerSettings(load, extract, sticky, TableCatalog.pageSizeFrom(env));
    }

    /** Where the worker's database limits are read from: {@code WORKER_DB_STATEMENT_TIMEOUT} and the rest. */
    public static final String DATABASE_PREFIX = "WORKER_DB_";

    /**
     * {@code timeouts}, once their socket timeout is below both heartbeat timeouts: a stalled database must fail the
     * attempt (a retryable failure) before Temporal stops waiting for the activity's heartbeat.
     */
    public DatabaseTimeouts checkDatabaseTimeouts(DatabaseTimeouts timeouts) {
        requireSocketBelow(timeouts, "LOAD_HEARTBEAT_TIMEOUT", loadHeartbeatTimeout);
        requireSocketBelow(timeouts, "EXTRACT_HEARTBEAT_TIMEOUT", extractHeartbeatTimeout);
        if (timeouts.socketTimeout().plus(timeouts.acquireTimeout()).compareTo(BOOKKEEPING_START_TO_CLOSE) >= 0) {
            throw new ConfigException(DATABASE_PREFIX + "SOCKET_TIMEOUT (" + Durations.text(timeouts.socketTimeout()) + ") plus "
                    + DATABASE_PREFIX + "ACQUIRE_TIMEOUT (" + Durations.text(timeouts.acquireTimeout()) + ") must be below "
                    + BOOKKEEPING_START_TO_CLOSE.toSeconds() + " s, the time a BeginRun or FinishRun attempt may take");
        }
        return timeouts;
    }

    private static void requireSocketBelow(DatabaseTimeouts timeouts, String name, Duration heartbeat) {
        if (timeouts.socketTimeout().isZero() || timeouts.socketTimeout().compareTo(heartbeat) >= 0) {
            throw new ConfigException(DATABASE_PREFIX + "SOCKET_TIMEOUT (" + Durations.text(timeouts.socketTimeout())
                    + ") must be below " + name + " (" + heartbeat.toSeconds() + " s): a stalled database must fail the "
                    + "attempt before Temporal stops waiting for its heartbeat");
        }
    }

    /** The catalog with this page size for every table, or unchanged when none is set. */
    public TableCatalog applyTo(TableCatalog catalog) {
        return catalog.withPageSize(pageSize);
    }

    /**
     * The refresh workflow's activity options per activity type, merged by the SDK over its stubs' own options (field by
     * field: only the heartbeat timeouts change). An activity keeps the timeouts it was scheduled with.
     */
    public WorkflowImplementationOptions workflowOptions() {
        return WorkflowImplementationOptions.newBuilder().setActivityOptions(Map.of(
                LOAD_PAGES, ActivityOptions.newBuilder().setHeartbeatTimeout(loadHeartbeatTimeout).build(),
                EXTRACT, ActivityOptions.newBuilder().setHeartbeatTimeout(extractHeartbeatTimeout).build())).build();
    }

    private static void requireBetween(String name, Duration value, int minSeconds, int maxSeconds) {
        if (value == null || value.compareTo(Duration.ofSeconds(minSeconds)) < 0
                || value.compareTo(Duration.ofSeconds(maxSeconds)) > 0) {
            throw new IllegalArgumentException(name + " must be between " + minSeconds + " and " + maxSeconds
                    + " seconds, got " + value);
        }
    }
}
