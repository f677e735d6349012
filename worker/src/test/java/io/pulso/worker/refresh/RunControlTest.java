package io.pulso.worker.refresh;

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
import io.pulso.core.refresh.RetryRequests;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.runs.ActivityStep;
import io.pulso.core.runs.RunTimeline;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operating runs with the real workflow: cancel mid-table, retry of a failed run, the history timeline. */
class RunControlTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "run-control-test";
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);

    private static HikariDataSource db;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;
    private RefreshStarter starter;
    private WorkflowRuns workflows;
    private ExecutionLogRepository runs;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("runcontrol");
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            rows.add(row(DAY1.plusDays(d), "A", 100 + d, 10));
            rows.add(row(DAY1.plusDays(d), "B", 200 + d, 20));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        // Real time: with time skipping, a test thread holding a page (the gate) lets the server skip past the
        // heartbeat timeout, and the run would retry pages instead of being cancelled.
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        var schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
        // Two pages per LoadPages activity: 14 rows in pages of 3 = pages 0..4 in batches {0,1} {2,3} {4}.
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, schemas, warehouse, db, CLOCK,
                new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))));
        env.start();
        starter = new RefreshStarter(env.getWorkflowClient(), QUEUE);
        workflows = new WorkflowRuns(env.getWorkflowClient());
        runs = new ExecutionLogRepository(db);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    /** The run's result; a run that does not end within a minute fails the test with its history, never hangs it. */
    private RefreshResult await(StartedRun run) {
        try {
            return env.getWorkflowClient().newUntypedWorkflowStub(run.workflowId(), Optional.of(run.runId()), Optional.empty())
                    .getResult(60, java.util.concurrent.TimeUnit.SECONDS, RefreshResult.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("run " + run.runId() + " did not end within 60 s; history: "
                    + workflows.timeline(run.workflowId(), run.runId()), e);
        }
    }

    private void awaitActivityCancelRequested(StartedRun run) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            boolean requested = env.getWorkflowClient().fetchHistory(run.workflowId(), run.runId()).getEvents().stream()
                    .anyMatch(e -> e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
            if (requested) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the cancel of run " + run.runId() + " did not reach its LoadPages activity within 20 s");
    }

    @Test
    void aCancelledRunStopsAfterThePageInProgressCommitsAndLeavesTheWatermark() throws Exception {
        await(starter.start(RefreshRequest.incremental(TABLE, Trigger.API)));
        LocalDate watermark = new WatermarkRepository(db).find(TABLE).orElseThrow().watermark();
        TestDatabase.execute(db, "TRUNCATE evolution_data");
        InMemoryWarehouse.PageGate gate = warehouse.holdPage(3);

        StartedRun run = starter.start(new RefreshRequest(TABLE, RefreshMode.FULL_REFRESH, null, null, null, Trigger.API, null));
        gate.awaitReached();
        workflows.cancel(run.workflowId(), run.runId());
        // Let the cancel reach the activity before its page commits: the Java test server rejects a workflow task that
        // cancels an activity whose completion it is processing at that instant (ACTIVITY_UNKNOWN), which a real
        // server accepts; without this wait the test would measure that race instead of the cancellation.
        awaitActivityCancelRequested(run);
        gate.open();

        assertThatThrownBy(() -> await(run)).isInstanceOf(WorkflowFailedException.class).hasCauseInstanceOf(CanceledFailure.class);
        RunRecord cancelled = runs.find(run.runId()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        // Page 3 is held while it is read ahead, that is while page 2 loads. The activity stops at the first heartbeat
        // that learns of the cancel: after page 2 if page 2 commits after the cancel, after page 3 otherwise (or the
        // next batch's first page, if it began before the cancel reached the workflow). Whichever, only whole pages
        // are in, and the log counts exactly those.
        long committed = count("SELECT count(*) FROM etl_page_ledger WHERE run_id = '" + run.runId() + "'");
        assertThat(committed).isBetween(3L, 5L);
        assertThat(cancelled.pages()).isEqualTo((int) committed);
        assertThat(cancelled.errorMessage()).isEqualTo("cancelled on request after " + committed + " committed page(s)");
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(Math.min(14, 3 * committed));
        assertThat(cancelled.counts().inserted()).isEqualTo(Math.min(14, 3 * committed));
        WatermarkRecord after = new WatermarkRepository(db).find(TABLE).orElseThrow();
        assertThat(after.watermark()).isEqualTo(watermark);
        assertThat(after.lastStatus()).isEqualTo(RunStatus.CANCELLED);
        assertThat(count("SELECT count(*) FROM etl_run_page_keys")).as("keys of the cancelled run dropped").isZero();
        assertThat(warehouse.keptResultIds()).as("extraction result released").isEmpty();
        assertThat(workflows.timeline(run.workflowId(), run.runId()).orElseThrow().status()).isEqualTo("cancelled");
    }

    @Test
    void aRetryOfAFailedRunAfterTheCauseIsFixedSucceedsAndLinksBack() throws SQLException {
        warehouse.failPage(2, WarehouseException.permanent("accessDenied", "no permission on the view", null), 1);
        StartedRun first = starter.start(new RefreshRequest(TABLE, RefreshMode.BACKFILL, null, DAY1, DAY1.plusDays(5),
                Trigger.API, null));
        assertThatThrownBy(() -> await(first)).isInstanceOf(WorkflowFailedException.class);
        RunRecord failed = runs.find(first.runId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);

        // The planted fault fired once: the cause is gone.
        RefreshRequest retry = RetryRequests.of(failed, RefreshActivitiesImpl.BUSINESS_ZONE);
        RefreshResult result = await(starter.start(retry));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        RunRecord retried = runs.find(result.runId()).orElseThrow();
        assertThat(retried.retryOf()).isEqualTo(first.runId());
        assertThat(retried.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(retried.mode()).isEqualTo(RefreshMode.BACKFILL);
        assertThat(retried.windowFrom()).isEqualTo(DAY1);
        assertThat(retried.windowTo()).isEqualTo(DAY1.plusDays(5));
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(12);
    }

    @Test
    void theHistoryTimelineShowsAnActivityRetryWithItsFailure() {
        warehouse.failPage(3, WarehouseException.retryable("backendError", "the backend hiccupped", null), 2);

        StartedRun run = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));
        await(run);

        RunTimeline timeline = workflows.timeline(run.workflowId(), run.runId()).orElseThrow();
        assertThat(timeline.workflowType()).isEqualTo("RefreshTable");
        assertThat(timeline.status()).isEqualTo("completed");
        assertThat(timeline.startedAt()).isNotNull();
        assertThat(timeline.activities()).extracting(ActivityStep::type)
                .containsExactly("BeginRun", "Extract", "LoadPages", "LoadPages", "LoadPages", "FinishRun");
        ActivityStep retried = timeline.activities().get(3);
        assertThat(retried.attempts()).isEqualTo(3);
        assertThat(retried.outcome()).isEqualTo("completed");
        assertThat(timeline.activities().get(2).attempts()).isEqualTo(1);
        assertThat(workflows.timeline(run.workflowId(), "00000000-0000-0000-0000-000000000000")).isEmpty();
    }

    @Test
    void whileAnActivityRetriesTheTimelineShowsItsAttempt() throws Exception {
        warehouse.failPage(0, WarehouseException.retryable("backendError", "the backend hiccupped", null), 2);
        StartedRun run = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));

        ActivityStep retrying = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (retrying == null && System.nanoTime() < deadline) {
            retrying = workflows.timeline(run.workflowId(), run.runId()).orElseThrow().activities().stream()
                    .filter(a -> a.outcome().equals("retrying")).findFirst().orElse(null);
            Thread.sleep(50);
        }

        assertThat(retrying).as("a LoadPages step seen while retrying").isNotNull();
        assertThat(retrying.type()).isEqualTo("LoadPages");
        assertThat(retrying.attempts()).isGreaterThan(1);
        assertThat(retrying.closedAt()).isNull();
        assertThat(await(run).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void theHistoryTimelineShowsAFailedActivityAndTheWorkflowFailureWithTheirMessages() {
        warehouse.failPage(1, WarehouseException.permanent("accessDenied", "no permission on the view", null), 1);
        StartedRun run = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));
        assertThatThrownBy(() -> await(run)).isInstanceOf(WorkflowFailedException.class);

        RunTimeline timeline = workflows.timeline(run.workflowId(), run.runId()).orElseThrow();

        assertThat(timeline.status()).isEqualTo("failed");
        assertThat(timeline.failure()).contains("no permission on the view");
        assertThat(timeline.durationMs()).isNotNull();
        assertThat(timeline.activities()).extracting(ActivityStep::type).containsExactly("BeginRun", "Extract", "LoadPages", "FailRun");
        ActivityStep load = timeline.activities().get(2);
        assertThat(load.outcome()).isEqualTo("failed");
        assertThat(load.failure()).contains("warehouse accessDenied: no permission on the view");
        assertThat(load.attempts()).isEqualTo(1);
        assertThat(load.durationMs()).isNotNull();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
