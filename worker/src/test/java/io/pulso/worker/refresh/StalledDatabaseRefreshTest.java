package io.pulso.worker.refresh;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.db.Database;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.testing.StallingProxy;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's pool reaches PostgreSQL through a proxy that stops answering while a page is being written: the driver's
 * socket timeout ends the attempt, the failure says so and is retried, and the run completes once the database answers.
 */
class StalledDatabaseRefreshTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "stalled-test";
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);
    /**
     * Statements may take 3 s; no answer at all for 4 s breaks the connection. The wait for a pooled connection (6 s) is
     * longer here than in production, so the page that was being written when the database stalled fails first.
     */
    private static final DatabaseTimeouts LIMITS = new DatabaseTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(6));

    private HikariDataSource direct;
    private StallingProxy proxy;
    private HikariDataSource throughProxy;
    private TestWorkflowEnvironment env;
    private ActivityFailureRecorder recorder;

    @BeforeEach
    void start() {
        direct = TestDatabase.migrated("stalled");
        URI url = URI.create(direct.getJdbcUrl().substring("jdbc:".length()));
        proxy = StallingProxy.to(url.getPort());
        throughProxy = Database.pool(new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + proxy.port() + url.getPath(),
                direct.getUsername(), direct.getPassword()), "stalled-worker", 8, LIMITS);
        InMemoryWarehouse warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            rows.add(row(DAY1.plusDays(d), "A", 100 + d, 10));
            rows.add(row(DAY1.plusDays(d), "B", 200 + d, 20));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        recorder = new ActivityFailureRecorder();
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(recorder).build()).build());
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG,
                new CatalogSchemaVerifier(direct).verify(CATALOG), warehouse, throughProxy, CLOCK,
                new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1)), RefreshMetrics.NONE, LIMITS));
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
        proxy.resume();
        throughProxy.close();
        proxy.close();
        direct.close();
    }

    @Test
    void aDatabaseThatStopsAnsweringMidPageFailsTheAttemptByTheSocketTimeoutAndTheRunRecovers() throws Exception {
        // The first row written waits 1.5 s on the server, long enough for the test to stall the connection meanwhile.
        TestDatabase.execute(direct, "CREATE SEQUENCE stall_once");
        TestDatabase.execute(direct, "CREATE FUNCTION stall_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('stall_once') = 1 THEN PERFORM pg_sleep(1.5); END IF; RETURN NEW; END $$");
        TestDatabase.execute(direct, "CREATE TRIGGER stall_once BEFORE INSERT ON evolution_data FOR EACH ROW "
                + "EXECUTE FUNCTION stall_once()");
        WorkflowClient client = env.getWorkflowClient();
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE)).build());
        WorkflowClient.start(workflow::refresh, new RefreshRequest(TABLE, RefreshMode.INCREMENTAL, null, null, null,
                Trigger.API, null));

        awaitTrue("the first page's write is sleeping on the server", () -> count(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == 1);
        proxy.stall();
        long stalledAt = System.nanoTime();
        awaitTrue("the attempt failed", () -> !recorder.failures().isEmpty());
        Duration toFailure = Duration.ofNanos(System.nanoTime() - stalledAt);
        proxy.resume();

        RefreshResult result = WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, RefreshResult.class);

        // Either of the two pages in flight may be the one whose first row sleeps (whichever inserts first), so the
        // page named is the first uncommitted one: 0, or 1 when page 0 committed before the stall.
        assertThat(recorder.failures().get(0)).matches("DatabaseTimeout, retried: evolution_data: page [01] not loaded: no "
                + "answer from the database within the socket timeout \\(4 s\\) \\(SQLState 08006\\)");
        // Two pages are in flight: the activity reports once the second has also waited out its own 4 s socket timeout
        // (it may have started up to a few seconds later). Far below LoadPages' 120 s heartbeat timeout, so the socket
        // timeout, not Temporal, ended the attempt.
        assertThat(toFailure).as("ended by the 4 s socket timeout").isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(14, 14, 0, 0, 0, 0));
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(14);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 20 s");
            }
            Thread.sleep(20);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = direct.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
