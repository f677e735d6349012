package io.pulso.worker.replay;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.schedule.CronWorkflowScheduler;
import io.pulso.core.schedule.FireOutcome;
import io.pulso.core.schedule.FireScheduledRefreshWorkflow;
import io.pulso.core.schedule.ScheduleFiringRepository;
import io.pulso.core.schedule.ScheduleIds;
import io.pulso.core.schedule.ScheduleSpec;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.alert.AlertCheckTickWorkflow;
import io.pulso.worker.alert.AlertCheckWorkflow;
import io.pulso.worker.alert.AlertFormat;
import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import io.pulso.worker.alert.AlertWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.schedule.ScheduleFiringActivitiesImpl;
import io.pulso.worker.schedule.ScheduleWorker;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records real histories of every workflow type, run by the code as it is now, into
 * {@code src/test/resources/histories/<scenario>-<tag>.json}, for {@link WorkflowReplayTest}. Off by default; run with
 * <pre>mvn -o -q -pl worker -am test -Dtest=WorkflowHistoryRecorder -Dsurefire.failIfNoSpecifiedTests=false -Dpulso.recordHistories=v2</pre>
 * where the tag names the workflow code that made them. Each scenario asserts that it produced what it is named
 * after (a retried activity, a cancel, …), so a recording cannot silently capture something else.
 */
@EnabledIfSystemProperty(named = WorkflowHistoryRecorder.TAG_PROPERTY, matches = "v\\d+")
class WorkflowHistoryRecorder {

    static final String TAG_PROPERTY = "pulso.recordHistories";
    private static final Path DIR = Path.of("src/test/resources/histories");
    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "history-recorder";
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);

    private static HikariDataSource db;
    private static Receiver receiver;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;
    private WorkflowClient client;
    private RefreshStarter starter;
    private ScheduleFiringRepository firings;
    private ExecutionLogRepository runs;

    @BeforeAll
    static void database() throws IOException {
        db = TestDatabase.migrated("recorder");
        receiver = new Receiver();
    }

    @AfterAll
    static void closeDatabase() {
        receiver.close();
        db.close();
    }

    @BeforeEach
    void start() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys, etl_schedule_firings, "
                + "etl_alert_outbox, etl_alert_deliveries, etl_alert_incidents, etl_alert_test_requests");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            rows.add(row(DAY1.plusDays(d), "A", 100 + d, 10));
            rows.add(row(DAY1.plusDays(d), "B", 200 + d, 20));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        // Real time, as the server runs them: a held page must not let the server skip past heartbeat timeouts.
        startEnvironment(false);
    }

    private void startEnvironment(boolean timeSkipping) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping).build());
        var schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
        // Two pages per LoadPages activity: pages 0..4 in batches {0,1} {2,3} {4}.
        Worker worker = RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, schemas,
                warehouse, db, CLOCK, new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))));
        client = env.getWorkflowClient();
        starter = new RefreshStarter(client, QUEUE);
        firings = new ScheduleFiringRepository(db);
        ScheduleWorker.register(worker, new ScheduleFiringActivitiesImpl(starter, firings, Clock.systemUTC()));
        AlertWorker.register(worker, CATALOG, db, new AlertSettings(List.of(receiver.url()), AlertFormat.JSON, Optional.empty(),
                AlertSettings.DEFAULT_REMINDER, AlertSettings.DEFAULT_TIMEOUT, 1), new AlertLinks(null, null, null), Clock.systemUTC());
        env.start();
        runs = new ExecutionLogRepository(db);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void refreshThatSucceedsAfterALoadPagesRetry() throws Exception {
        warehouse.failPage(3, WarehouseException.retryable("backendError", "the backend hiccupped", null), 1);
        StartedRun run = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));

        assertThat(await(run).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events(run, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).stream()
                .anyMatch(e -> e.getActivityTaskStartedEventAttributes().getAttempt() == 2)).as("a retried attempt").isTrue();
        save("refresh-retried-page", run);
    }

    @Test
    void refreshThatFailsOnAPermanentPageError() throws Exception {
        warehouse.failPage(2, WarehouseException.permanent("accessDenied", "no permission on the view", null), 1);
        StartedRun run = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));

        assertThatThrownBy(() -> await(run)).isInstanceOf(io.temporal.client.WorkflowFailedException.class);
        assertThat(runs.find(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        save("refresh-failed", run);
    }

    @Test
    void refreshCancelledMidTable() throws Exception {
        InMemoryWarehouse.PageGate gate = warehouse.holdPage(3);
        StartedRun run = starter.start(new RefreshRequest(TABLE, RefreshMode.FULL_REFRESH, null, null, null, Trigger.API, null));
        gate.awaitReached();
        WorkflowStub.fromTyped(client.newWorkflowStub(io.pulso.core.refresh.RefreshTableWorkflow.class, run.workflowId()))
                .cancel();
        awaitTrue(() -> !events(run, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED).isEmpty(), "the cancel reaching LoadPages");
        gate.open();

        assertThatThrownBy(() -> await(run)).isInstanceOf(io.temporal.client.WorkflowFailedException.class);
        assertThat(runs.find(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        save("refresh-cancelled", run);
    }

    /** A cancel requested while a LoadPages activity is blocked on a read that then fails for good. */
    @Test
    void refreshThatFailsAfterACancelRequest() throws Exception {
        InMemoryWarehouse.PageGate gate = warehouse.holdPage(2);
        warehouse.failPage(2, WarehouseException.permanent("accessDenied", "no permission on the view", null), 1);
        StartedRun run = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));
        gate.awaitReached();
        WorkflowStub.fromTyped(client.newWorkflowStub(io.pulso.core.refresh.RefreshTableWorkflow.class, run.workflowId()))
                .cancel();
        awaitTrue(() -> !events(run, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED).isEmpty(), "the cancel reaching LoadPages");
        gate.open();

        assertThatThrownBy(() -> await(run)).isInstanceOf(io.temporal.client.WorkflowFailedException.class);
        assertThat(events(run, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)).as("LoadPages failed, not cancelled").hasSize(1);
        save("refresh-failed-after-cancel", run);
    }

    /** Needs run deadlines (tag v1 on): LoadPages retries a page that never reads until the run's deadline ends it. */
    @Test
    void refreshEndedByItsDeadline() throws Exception {
        env.close();
        startEnvironment(true); // time skips between the attempts, up to the deadline
        warehouse.failPage(2, WarehouseException.retryable("backendError", "the backend is down", null), Integer.MAX_VALUE);
        String workflowId = io.pulso.core.refresh.WorkflowIds.refresh(TABLE);
        io.pulso.core.refresh.RefreshTableWorkflow workflow = client.newWorkflowStub(io.pulso.core.refresh.RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(20)).build());

        assertThatThrownBy(() -> workflow.refresh(RefreshRequest.incremental(TABLE, Trigger.API)))
                .hasStackTraceContaining("run exceeded its deadline");
        var history = client.fetchHistory(workflowId);
        assertThat(history.getEvents()).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED);
        write("refresh-deadline", history.toJson(true));
    }

    @Test
    void fallbackScheduleFiresOnItsTimerAndTakesSignals() throws Exception {
        CronWorkflowScheduler scheduler = new CronWorkflowScheduler(client, QUEUE, CATALOG, firings);
        scheduler.put(TABLE, ScheduleSpec.every(Duration.ofSeconds(1)));
        String id = ScheduleIds.fallback(TABLE);
        awaitTrue(() -> firings.stats(TABLE).started() >= 1, "a timer firing");
        assertThat(client.fetchHistory(id).getEvents()).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED);
        awaitTrue(() -> starter.running(TABLE).isEmpty(), "the scheduled refresh to end");
        long before = firings.stats(TABLE).started() + firings.stats(TABLE).skipped();
        scheduler.pause(TABLE);
        scheduler.trigger(TABLE);
        awaitTrue(() -> firings.stats(TABLE).started() + firings.stats(TABLE).skipped() > before, "a triggered firing");
        scheduler.put(TABLE, ScheduleSpec.every(Duration.ofSeconds(2)).withPaused(true));
        awaitTrue(() -> {
            var history = client.fetchHistory(id).getEvents();
            return history.get(history.size() - 1).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
                    && history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).count() == 3;
        }, "the schedule to take its signals");
        write("table-schedule", client.fetchHistory(id).toJson(true));
        scheduler.delete(TABLE);
    }

    @Test
    void scheduleFiringStartsARefresh() throws Exception {
        FireScheduledRefreshWorkflow fire = client.newWorkflowStub(FireScheduledRefreshWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(ScheduleIds.firing(TABLE)).build());
        FireOutcome outcome = fire.fire(TABLE);
        assertThat(outcome.outcome()).isEqualTo(FireOutcome.STARTED);
        write("fire-scheduled-refresh", client.fetchHistory(ScheduleIds.firing(TABLE)).toJson(true));
        awaitTrue(() -> starter.running(TABLE).isEmpty(), "the refresh it started to end");
    }

    /** The timer-loop check (test server): a test request queued, dispatched once, the next checks find nothing. */
    @Test
    void alertCheckLoopDispatchesAPendingRow() throws Exception {
        TestDatabase.execute(db, "INSERT INTO etl_alert_test_requests (requested_at) VALUES (now())");
        assertThat(AlertWorker.ensureCheckRunning(client, QUEUE, 1)).isFalse();
        awaitTrue(() -> receiver.posts() == 1, "the test event delivered");
        // A snapshot taken while the loop sleeps (its last event a started timer): the replayer of this SDK cannot
        // take a terminated history, and the loop itself only ends by continuing as new.
        var snapshot = new java.util.concurrent.atomic.AtomicReference<io.temporal.common.WorkflowExecutionHistory>();
        awaitTrue(() -> {
            var history = client.fetchHistory(AlertCheckWorkflow.WORKFLOW_ID);
            var events = history.getEvents();
            snapshot.set(history);
            return events.get(events.size() - 1).getEventType() == EventType.EVENT_TYPE_TIMER_STARTED
                    && events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED).count() >= 2
                    && events.stream().anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED);
        }, "two checks after the dispatch");
        write("alert-check", snapshot.get().toJson(true));
        WorkflowStub.fromTyped(client.newWorkflowStub(AlertCheckWorkflow.class, AlertCheckWorkflow.WORKFLOW_ID)).terminate("recorded");
        long outboxId = count("SELECT id FROM etl_alert_outbox");
        awaitTrue(() -> count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'delivered'") == 1, "the row delivered");
        write("deliver-alert", client.fetchHistory("etl-alert-deliver-" + outboxId).toJson(true));
    }

    /** One tick of the scheduled check (what the Temporal Schedule starts), run directly. */
    @Test
    void alertCheckTickDispatchesAPendingRow() throws Exception {
        TestDatabase.execute(db, "INSERT INTO etl_alert_test_requests (requested_at) VALUES (now())");
        String id = "etl-alert-check-tick-recorded";
        int started = client.newWorkflowStub(AlertCheckTickWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build()).check();
        assertThat(started).isEqualTo(1);
        write("alert-check-tick", client.fetchHistory(id).toJson(true));
        awaitTrue(() -> count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'delivered'") == 1, "the row delivered");
    }

    private static long count(String sql) {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook receiver on a free port that takes every POST with 200. */
    private static final class Receiver implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();

        Receiver() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                posts.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        java.net.URI url() {
            return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        int posts() {
            return posts.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private RefreshResult await(StartedRun run) throws java.util.concurrent.TimeoutException {
        return client.newUntypedWorkflowStub(run.workflowId(), Optional.of(run.runId()), Optional.empty())
                .getResult(60, TimeUnit.SECONDS, RefreshResult.class);
    }

    private List<HistoryEvent> events(StartedRun run, EventType type) {
        return client.fetchHistory(run.workflowId(), run.runId()).getEvents().stream().filter(e -> e.getEventType() == type).toList();
    }

    private void save(String scenario, StartedRun run) throws IOException {
        write(scenario, client.fetchHistory(run.workflowId(), run.runId()).toJson(true));
    }

    private static void write(String scenario, String json) throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(scenario + "-" + System.getProperty(TAG_PROPERTY) + ".json"), json, StandardCharsets.UTF_8);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
