package io.pulso.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.app.embedded.Ports;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.testing.TestDatabase;
import io.temporal.testserver.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's upkeep against real PostgreSQL and a real (test) Temporal server. */
class WorkerMaintenanceTest {

    private TestServer.PortBoundTestServer server;
    private TemporalConnection temporal;
    private HikariDataSource db;

    @BeforeEach
    void start() {
        int port = Ports.free();
        server = TestServer.createPortBoundServer(port);
        temporal = TemporalConnection.connect(new TemporalConfig("127.0.0.1:" + port, "default", TemporalConfig.DEFAULT_TASK_QUEUE));
        db = TestDatabase.migrated("upkeep");
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
        temporal.close();
        server.close();
    }

    @Test
    void theSweepClosesARunWhoseWorkflowIsGoneWithoutAnyApiCall() throws Exception {
        ghostRun("ghost-1");
        MaintenanceSettings settings = new MaintenanceSettings(Duration.ofMillis(200), Duration.ZERO, 6);

        try (WorkerMaintenance upkeep = WorkerMaintenance.start(WorkerMaintenance.tasks(settings, db,
                new WorkflowRuns(temporal.client()), Clock.systemUTC()))) {
            waitUntil(() -> status("ghost-1") == RunStatus.ABANDONED);
            assertThat(new ExecutionLogRepository(db).find("ghost-1").orElseThrow().errorMessage())
                    .contains("has no workflow refresh-dashboard_data");
            assertThat(upkeep.progress()).extracting(WorkerMaintenance.Progress::name).as("pruning is off")
                    .containsExactly("stale-run sweep");
        }
    }

    @Test
    void aFailedRoundIsLoggedAndTheNextRoundTriesAgain() throws Exception {
        ghostRun("ghost-2");
        // The log table is away for a while (a failed round), then back.
        TestDatabase.execute(db, "ALTER TABLE etl_execution_log RENAME TO etl_execution_log_away");
        MaintenanceSettings settings = new MaintenanceSettings(Duration.ofMillis(100), Duration.ofMillis(100), 6);

        try (WorkerMaintenance upkeep = WorkerMaintenance.start(WorkerMaintenance.tasks(settings, db,
                new WorkflowRuns(temporal.client()), Clock.systemUTC()))) {
            waitUntil(() -> upkeep.progress().stream().allMatch(p -> p.failures() >= 2));
            TestDatabase.execute(db, "ALTER TABLE etl_execution_log_away RENAME TO etl_execution_log");

            waitUntil(() -> status("ghost-2") == RunStatus.ABANDONED);
            List<WorkerMaintenance.Progress> progress = upkeep.progress();
            assertThat(progress).allMatch(p -> p.rounds() > p.failures(), "rounds went on after the failures");
        }
    }

    @Test
    void thePruningRemovesTheKeysOfEndedRunsPeriodically() throws Exception {
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "started_at, finished_at) VALUES ('done-1', 'refresh-dashboard_data', 'dashboard_data', 'incremental', 'api', "
                + "'succeeded', now() - interval '1 hour', now())");
        TestDatabase.execute(db, "INSERT INTO etl_run_page_keys (run_id, page_index, keys) VALUES ('done-1', 0, ARRAY['a'])");
        MaintenanceSettings settings = new MaintenanceSettings(Duration.ZERO, Duration.ofMillis(100), 6);

        try (WorkerMaintenance upkeep = WorkerMaintenance.start(WorkerMaintenance.tasks(settings, db,
                new WorkflowRuns(temporal.client()), Clock.systemUTC()))) {
            waitUntil(() -> count("SELECT count(*) FROM etl_run_page_keys") == 0);
        }
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void ghostRun(String runId) {
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "started_at) VALUES ('" + runId + "', 'refresh-dashboard_data', 'dashboard_data', 'incremental', 'api', "
                + "'running', now())");
    }

    private RunStatus status(String runId) {
        return new ExecutionLogRepository(db).find(runId).orElseThrow().status();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
