package io.pulso.worker.refresh;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshes whose statements run into the database's limits, on the worker's real pool (with a 1 s statement timeout)
 * and real PostgreSQL: a timeout is retried and the run completes; a configuration limit fails the run at once.
 */
class DatabaseLimitsRefreshTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "limits-test";
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
    /** Pages of 3 rows, 2 pages per LoadPages batch. */
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);
    /** Short limits, so a test waits a second, not a minute. */
    private static final DatabaseTimeouts LIMITS = new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500),
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2));

    private static HikariDataSource db;
    /** "type, retried or not: message" of every failed activity attempt, as the worker threw it. */
    private ActivityFailureRecorder recorder;
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeAll
    static void database() {
        try (HikariDataSource migrated = TestDatabase.migrated("limits")) {
            DatabaseConfig config = new DatabaseConfig(migrated.getJdbcUrl(), migrated.getUsername(), migrated.getPassword());
            db = Database.pool(config, "limits-test", 8, LIMITS);
        }
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        TestDatabase.execute(db, "DROP TRIGGER IF EXISTS limit_hit ON evolution_data");
        TestDatabase.execute(db, "DROP SEQUENCE IF EXISTS limit_hits");
        // A sequence counts the trigger's calls: nextval is not rolled back with the statement it ran in.
        TestDatabase.execute(db, "CREATE SEQUENCE limit_hits");
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
        var schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, schemas, warehouse, db, CLOCK,
                new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1)), RefreshMetrics.NONE, LIMITS));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
        TestDatabase.execute(db, "DROP TRIGGER IF EXISTS limit_hit ON evolution_data");
    }

    @Test
    void aPageWhoseStatementOutlastsTheStatementTimeoutIsRetriedAndTheRunLoadsEveryRowOnce() throws SQLException {
        // Page 0's first row, written the first time, sleeps past the 1 s statement timeout; everything else goes
        // through. Keyed on the row: page 1 loads beside page 0 and may reach the trigger first.
        trigger("IF NEW.fecha_foto = DATE '2026-11-01' AND NEW.archivo = 'A' AND nextval('limit_hits') = 1 "
                + "THEN PERFORM pg_sleep(5); END IF; RETURN NEW;");

        long started = System.nanoTime();
        RefreshResult result = refresh();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(14, 14, 0, 0, 0, 0));
        assertThat(result.pages()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(14);
        assertThat(took).as("cancelled after 1 s, not after the 5 s sleep").isLessThan(Duration.ofSeconds(5));
        RunRecord logged = new ExecutionLogRepository(db).find(result.runId()).orElseThrow();
        assertThat(logged.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(activityFailures()).containsExactly(
                "DatabaseTimeout, retried: evolution_data: page 0 not loaded: statement timeout (1 s) exceeded (SQLState 57014)");
    }

    @Test
    void aLockHeldPastTheLockTimeoutIsRetriedAndTheRunCompletes() throws Exception {
        // Another session holds the table: the first page's write waits 500 ms for its lock, fails, and is retried
        // once the lock is gone.
        try (Connection holder = db.getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("SET LOCAL lock_timeout = 0");
            s.execute("LOCK TABLE evolution_data IN EXCLUSIVE MODE");
            Thread release = new Thread(() -> {
                sleep(1500);
                try {
                    holder.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            RefreshResult result = refresh();
            release.join();

            assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(result.counts()).isEqualTo(new RowCounts(14, 14, 0, 0, 0, 0));
            assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(14);
            assertThat(activityFailures()).isNotEmpty().allSatisfy(message -> assertThat(message)
                    .isEqualTo("DatabaseTimeout, retried: evolution_data: page 0 not loaded: lock timeout (500 ms) exceeded "
                            + "(SQLState 55P03)"));
        }
    }

    @Test
    void aTimescaleDecompressionLimitFailsTheRunAtOnceAndNamesTheSettingToChange() throws SQLException {
        // TimescaleDB raises this when a write would decompress more tuples than
        // timescaledb.max_tuples_decompressed_per_dml_transaction allows; retrying hits the same limit.
        trigger("PERFORM nextval('limit_hits'); RAISE EXCEPTION 'tuple decompression limit exceeded by operation' "
                + "USING ERRCODE = '53400'; RETURN NEW;");

        assertThatThrownBy(this::refresh).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = new ExecutionLogRepository(db).list(TABLE, RunStatus.FAILED, 10, 0).get(0);
        assertThat(failed.errorMessage()).startsWith("evolution_data: page 0 not loaded: tuple decompression limit exceeded")
                .contains("raise timescaledb.max_tuples_decompressed_per_dml_transaction").contains("(SQLState 53400)");
        assertThat(activityFailures()).as("one attempt, no retry").singleElement().asString()
                .startsWith("DatabaseLimit, not retried: evolution_data: page 0 not loaded: tuple decompression limit");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM evolution_data")).isZero();
    }

    private RefreshResult refresh() {
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE)).build());
        return workflow.refresh(new RefreshRequest(TABLE, RefreshMode.INCREMENTAL, null, null, null, Trigger.API, null));
    }

    /** The messages of the run's failed activity attempts (the server's history keeps only the last one). */
    private List<String> activityFailures() {
        return List.copyOf(recorder.failures());
    }

    private static void trigger(String body) {
        TestDatabase.execute(db, "CREATE OR REPLACE FUNCTION limit_hit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + body + " END $$");
        TestDatabase.execute(db, "CREATE TRIGGER limit_hit BEFORE INSERT OR UPDATE ON evolution_data FOR EACH ROW "
                + "EXECUTE FUNCTION limit_hit()");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
