package io.pulso.worker.refresh;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.observability.FailureReason;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Heartbeat;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
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
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs that end otherwise than planned still close their log row: past their deadline, or failing after a cancel. */
class RunClosingTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "run-closing-test";
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);

    private static HikariDataSource db;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;
    private WorkflowClient client;
    private ExecutionLogRepository runs;
    /** Holds the reads that {@link #hangingOnPage} makes hang, until the test ends. */
    private final CountDownLatch hungReads = new CountDownLatch(1);

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("runclosing");
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void data() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            rows.add(row(DAY1.plusDays(d), "A", 100 + d, 10));
            rows.add(row(DAY1.plusDays(d), "B", 200 + d, 20));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        runs = new ExecutionLogRepository(db);
    }

    private void startEnvironment(boolean timeSkipping) {
        startEnvironment(timeSkipping, warehouse, WorkerSettings.standard());
    }

    private void startEnvironment(boolean timeSkipping, Warehouse source, WorkerSettings settings) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping).build());
        var schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
        // Two pages per LoadPages activity: pages 0..4 in batches {0,1} {2,3} {4}.
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, schemas, source, db, CLOCK,
                new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))), settings);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        hungReads.countDown();
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aRunWhoseLoadNeverEndsFailsByItselfAtItsDeadlineAndKeepsItsCommittedPages() throws SQLException {
        startEnvironment(true);
        // The second batch's first page never reads: LoadPages retries it (backoff up to 1 min) and never ends.
        warehouse.failPage(2, WarehouseException.retryable("backendError", "the backend is down", null), Integer.MAX_VALUE);
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE))
                .setWorkflowExecutionTimeout(Duration.ofMinutes(20)).build());

        // Time skips between the attempts (a running activity holds it), up to the 15 min deadline.
        assertThatThrownBy(() -> workflow.refresh(RefreshRequest.incremental(TABLE, Trigger.API)))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ApplicationFailure.class).hasMessageContaining("run exceeded its deadline of 15m");

        RunRecord failed = runs.list(TABLE, null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("run exceeded its deadline of 15m (its workflow times out after 20m); "
                + "pages committed so far stay loaded; retry the run to load the rest");
        assertThat(FailureReason.of(failed.errorMessage())).isEqualTo("deadline_exceeded");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.pages()).as("the first batch").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(6);
        assertThat(new WatermarkRepository(db).find(TABLE).orElseThrow().lastStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(count("SELECT count(*) FROM etl_run_page_keys")).isZero();
        String workflowId = WorkflowIds.refresh(TABLE);
        assertThat(new WorkflowRuns(client).timeline(workflowId, failed.runId()).orElseThrow().status())
                .as("failed by the workflow, not timed out by the server").isEqualTo("failed");
    }

    /**
     * A read that hangs without a word: the activity never heartbeats again, so it cannot hear the deadline's cancel.
     * Its heartbeat timeout (2 s here) cuts each attempt, yet after the cancel request the test server did not report
     * the attempt's end to the workflow before the execution timeout (seen: attempts 1 to 3 hung, no fourth, run timed
     * out): the run gives the step half its margin (2 s) to stop, then closes its log row without it, still before the
     * server's timeout. Real time, about 14 s.
     */
    @Test
    void aReadThatHangsSilentlyDoesNotKeepTheRunPastItsDeadline() throws SQLException {
        startEnvironment(false, hangingOnPage(2), new WorkerSettings(Duration.ofSeconds(2),
                WorkerSettings.DEFAULT_EXTRACT_HEARTBEAT_TIMEOUT, Duration.ZERO, OptionalInt.empty()));
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE))
                .setWorkflowExecutionTimeout(Duration.ofSeconds(16)).build());

        assertThatThrownBy(() -> workflow.refresh(RefreshRequest.incremental(TABLE, Trigger.API)))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ApplicationFailure.class).hasMessageContaining("run exceeded its deadline of 12s");

        RunRecord failed = runs.list(TABLE, null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).startsWith("run exceeded its deadline of 12s (its workflow times out after 16s)");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.pages()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(6);
    }

    /** The in-memory warehouse, except that every read of {@code pageIndex} hangs until the test ends. */
    private Warehouse hangingOnPage(int pageIndex) {
        return new Warehouse() {
            @Override
            public ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId, Heartbeat heartbeat) {
                return warehouse.runExtraction(table, window, runId, heartbeat);
            }

            @Override
            public Page readPage(ExtractionHandle extraction, String pageToken, int pageSize) {
                if (pageToken != null && Integer.parseInt(pageToken) / pageSize == pageIndex) {
                    try {
                        hungReads.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw WarehouseException.retryable("hung", "read of page " + pageIndex + " given up", null);
                }
                return warehouse.readPage(extraction, pageToken, pageSize);
            }

            @Override
            public void release(ExtractionHandle extraction) {
                warehouse.release(extraction);
            }

            @Override
            public String name() {
                return "hanging";
            }
        };
    }

    @Test
    void aRunThatFailsAfterACancelRequestClosesItsLogRowAsFailed() throws Exception {
        startEnvironment(false); // real time: a held page must not let the server skip past heartbeat timeouts
        InMemoryWarehouse.PageGate gate = warehouse.holdPage(2);
        warehouse.failPage(2, WarehouseException.permanent("accessDenied", "no permission on the view", null), 1);
        StartedRun run = new RefreshStarter(client, QUEUE).start(RefreshRequest.incremental(TABLE, Trigger.API));
        gate.awaitReached();
        WorkflowStub.fromTyped(client.newWorkflowStub(RefreshTableWorkflow.class, run.workflowId())).cancel();
        awaitActivityCancelRequested(run);
        gate.open(); // the held read now fails for good: LoadPages fails instead of acknowledging the cancel

        assertThatThrownBy(() -> client.newUntypedWorkflowStub(run.workflowId(), Optional.of(run.runId()), Optional.empty())
                .getResult(60, TimeUnit.SECONDS, RefreshResult.class)).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = runs.find(run.runId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("warehouse accessDenied: no permission on the view");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.pages()).isEqualTo(2);
        assertThat(new WatermarkRepository(db).find(TABLE).orElseThrow().lastStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(count("SELECT count(*) FROM etl_run_page_keys")).isZero();
    }

    private void awaitActivityCancelRequested(StartedRun run) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (client.fetchHistory(run.workflowId(), run.runId()).getEvents().stream()
                    .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the cancel of run " + run.runId() + " did not reach its LoadPages activity within 20 s");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
