package io.pulso.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.testing.TestDatabase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaleRunCleanerTest {

    private TestWorkflowEnvironment temporal;
    private HikariDataSource db;

    @BeforeEach
    void start() {
        temporal = TestWorkflowEnvironment.newInstance();
        db = TestDatabase.migrated("stale");
    }

    @AfterEach
    void stop() {
        db.close();
        temporal.close();
    }

    @Test
    void aRunKilledMidRefreshIsClosedAbandonedWithTheLedgersPagesAndCounts() throws SQLException {
        TestDatabase.execute(db, "INSERT INTO etl_watermarks (table_name, watermark, last_run_id, last_status) "
                + "VALUES ('dashboard_data', '2026-01-10', 'crashed-1', 'running')");
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "watermark_before, started_at) VALUES ('crashed-1', 'refresh-dashboard_data', 'dashboard_data', 'incremental', "
                + "'api', 'running', '2026-01-10', now() - interval '5 minutes')");
        // Three pages committed before the kill: 1000 + 1000 + 400 rows.
        TestDatabase.execute(db, "INSERT INTO etl_page_ledger (run_id, page_index, rows_in_page, rows_inserted, rows_updated, "
                + "rows_unchanged, rows_duplicate) VALUES ('crashed-1', 0, 1000, 700, 200, 100, 0), "
                + "('crashed-1', 1, 1000, 600, 300, 98, 2), ('crashed-1', 2, 400, 400, 0, 0, 0)");
        TestDatabase.execute(db, "INSERT INTO etl_run_page_keys (run_id, page_index, keys) VALUES ('crashed-1', 0, ARRAY['a'])");

        List<AbandonedRun> closed = new StaleRunCleaner(db, new WorkflowRuns(temporal.getWorkflowClient()), Clock.systemUTC())
                .closeStale();

        assertThat(closed).extracting(AbandonedRun::runId).containsExactly("crashed-1");
        assertThat(closed.get(0).reason()).contains("has no workflow refresh-dashboard_data")
                .endsWith("3 committed page(s) counted from the page ledger");
        RunRecord run = new ExecutionLogRepository(db).find("crashed-1").orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.ABANDONED);
        assertThat(run.pages()).isEqualTo(3);
        assertThat(run.counts().extracted()).isEqualTo(2400);
        assertThat(run.counts().inserted()).isEqualTo(1700);
        assertThat(run.counts().updated()).isEqualTo(500);
        assertThat(run.counts().unchanged()).isEqualTo(198);
        assertThat(run.counts().deleted()).isZero();
        assertThat(run.watermarkAfter()).as("the watermark does not move").isEqualTo(run.watermarkBefore());
        WatermarkRecord watermark = new WatermarkRepository(db).find("dashboard_data").orElseThrow();
        assertThat(watermark.lastStatus()).isEqualTo(RunStatus.ABANDONED);
        assertThat(watermark.lastCounts().inserted()).isEqualTo(1700);
        assertThat(count("SELECT count(*) FROM etl_run_page_keys WHERE run_id = 'crashed-1'")).isZero();
        assertThat(count("SELECT count(*) FROM etl_page_ledger WHERE run_id = 'crashed-1'")).as("the ledger stays").isEqualTo(3);

        assertThat(new StaleRunCleaner(db, new WorkflowRuns(temporal.getWorkflowClient()), Clock.systemUTC()).closeStale())
                .as("a second sweep finds nothing").isEmpty();
    }

    /** A workflow that ignores cancellation, as one whose cancel the embedded server dropped. */
    @WorkflowInterface
    public interface DeafWorkflow {
        @WorkflowMethod
        void run();
    }

    public static class DeafWorkflowImpl implements DeafWorkflow {
        @Override
        public void run() {
            Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> false)).run();
        }
    }

    private String startDeafWorkflow(String workflowId) {
        temporal.newWorker("deaf").registerWorkflowImplementationTypes(DeafWorkflowImpl.class);
        temporal.start();
        DeafWorkflow stub = temporal.getWorkflowClient().newWorkflowStub(DeafWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue("deaf").setWorkflowId(workflowId).build());
        return WorkflowClient.start(stub::run).getRunId();
    }

    @Test
    void aRunThatIgnoresItsCancelForLongerThanTheGraceIsTerminatedAndClosedCancelledWithTheLedgersCounts()
            throws SQLException {
        String runId = startDeafWorkflow("etl-refresh-operation_data");
        TestDatabase.execute(db, "INSERT INTO etl_watermarks (table_name, last_run_id, last_status) "
                + "VALUES ('operation_data', '" + runId + "', 'running')");
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "started_at, cancel_requested_at) VALUES ('" + runId + "', 'etl-refresh-operation_data', 'operation_data', "
                + "'full_refresh', 'api', 'running', now() - interval '10 minutes', now() - interval '4 minutes')");
        TestDatabase.execute(db, "INSERT INTO etl_page_ledger (run_id, page_index, rows_in_page, rows_inserted, rows_updated, "
                + "rows_unchanged, rows_duplicate) VALUES ('" + runId + "', 0, 500, 500, 0, 0, 0)");
        WorkflowRuns workflows = new WorkflowRuns(temporal.getWorkflowClient());

        List<AbandonedRun> closed = new StaleRunCleaner(db, workflows, Clock.systemUTC()).closeStale();

        assertThat(closed).extracting(AbandonedRun::runId).containsExactly(runId);
        RunRecord run = new ExecutionLogRepository(db).find(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.errorMessage()).startsWith("cancelled on request: the workflow had not stopped 180 s after the "
                + "request, so it was terminated").endsWith("1 committed page(s) counted from the page ledger");
        assertThat(run.counts().inserted()).isEqualTo(500);
        assertThat(run.pages()).isEqualTo(1);
        assertThat(new WatermarkRepository(db).find("operation_data").orElseThrow().lastStatus())
                .isEqualTo(RunStatus.CANCELLED);
        assertThat(workflows.status("etl-refresh-operation_data", runId))
                .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }

    @Test
    void aRunWhoseCancelIsRecentIsLeftToStopByItself() {
        String runId = startDeafWorkflow("etl-refresh-productivity_data");
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "started_at, cancel_requested_at) VALUES ('" + runId + "', 'etl-refresh-productivity_data', "
                + "'productivity_data', 'incremental', 'api', 'running', now() - interval '1 minute', now() - interval '20 seconds')");
        WorkflowRuns workflows = new WorkflowRuns(temporal.getWorkflowClient());

        assertThat(new StaleRunCleaner(db, workflows, Clock.systemUTC()).closeStale()).isEmpty();
        assertThat(new ExecutionLogRepository(db).find(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(workflows.status("etl-refresh-productivity_data", runId))
                .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
