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
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh workflow with its real activities, the real loader on PostgreSQL and an in-memory warehouse. */
class RefreshWorkflowTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "refresh-test";
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
    /** Lookback 3 days, pages of 3 rows, rows that vanish are deleted when at least 2 rows come back. */
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);

    private static HikariDataSource db;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;
    private WorkflowClient client;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("workflow");
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        warehouse = new InMemoryWarehouse();
        warehouse.put(TABLE, EvolutionRows.COLUMNS, sevenDaysOfTwoFiles());
        env = TestWorkflowEnvironment.newInstance();
        var schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, schemas, warehouse, db, CLOCK,
                new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    /** 14 rows: days 1..7 of November, files A and B. */
    private static List<Object[]> sevenDaysOfTwoFiles() {
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            rows.add(row(DAY1.plusDays(d), "A", 100 + d, 10));
            rows.add(row(DAY1.plusDays(d), "B", 200 + d, 20));
        }
        return rows;
    }

    private RefreshResult run(RefreshMode mode, Integer days, LocalDate from, LocalDate to) {
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE)).build());
        return workflow.refresh(new RefreshRequest(TABLE, mode, days, from, to, Trigger.API, null));
    }

    private RefreshResult incremental() {
        return run(RefreshMode.INCREMENTAL, null, null, null);
    }

    @Test
    void firstIncrementalRunLoadsEverythingAndSetsTheWatermarkFromTheResult() throws SQLException {
        RefreshResult result = incremental();

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(warehouse.windows()).containsExactly(ExtractionWindow.unbounded());
        assertThat(result.counts()).isEqualTo(new RowCounts(14, 14, 0, 0, 0, 0));
        assertThat(result.pages()).isEqualTo(5);
        assertThat(result.watermarkBefore()).isNull();
        assertThat(result.watermarkAfter()).isEqualTo(DAY1.plusDays(6));
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(14);

        RunRecord logged = new ExecutionLogRepository(db).find(result.runId()).orElseThrow();
        assertThat(logged.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(logged.counts().inserted()).isEqualTo(14);
        assertThat(logged.pages()).isEqualTo(5);
        assertThat(logged.workflowId()).isEqualTo("etl-refresh-evolution_data");
        assertThat(logged.finishedAt()).isNotNull();
        assertThat(new WatermarkRepository(db).find(TABLE).orElseThrow().watermark()).isEqualTo(DAY1.plusDays(6));
        assertThat(warehouse.keptResults()).as("result released after finish").isZero();
    }

    @Test
    void nextIncrementalRunRereadsTheLookbackAndCountsUnchangedAndUpdated() {
        incremental();
        warehouse.rows(TABLE).set(13, row(DAY1.plusDays(6), "B", 999, 20));
        warehouse.rows(TABLE).add(row(DAY1.plusDays(7), "A", 1, 1));

        RefreshResult second = incremental();

        // watermark Nov 7 − 3 days lookback = Nov 4: days 4..8 = 9 rows.
        assertThat(warehouse.windows().get(1)).isEqualTo(new ExtractionWindow(LocalDate.of(2026, 11, 4), null));
        assertThat(second.counts()).isEqualTo(new RowCounts(9, 1, 1, 7, 0, 0));
        assertThat(second.watermarkBefore()).isEqualTo(DAY1.plusDays(6));
        assertThat(second.watermarkAfter()).isEqualTo(DAY1.plusDays(7));
    }

    @Test
    void backfillLoadsExactlyItsRangeAndLeavesTheWatermark() {
        incremental();
        LocalDate from = DAY1.plusDays(1);
        LocalDate to = DAY1.plusDays(2);
        warehouse.rows(TABLE).add(row(DAY1.plusDays(9), "A", 1, 1));

        RefreshResult backfill = run(RefreshMode.BACKFILL, null, from, to);

        assertThat(warehouse.windows().get(1)).isEqualTo(new ExtractionWindow(from, to));
        assertThat(backfill.counts().extracted()).isEqualTo(4);
        assertThat(backfill.watermarkAfter()).isEqualTo(DAY1.plusDays(6));
        assertThat(new WatermarkRepository(db).find(TABLE).orElseThrow().watermark()).isEqualTo(DAY1.plusDays(6));
    }

    @Test
    void slidingWindowAndFullRefreshChooseTheirWindows() {
        RefreshResult sliding = run(RefreshMode.SLIDING_WINDOW, 30, null, null);
        // Never loaded before: moving the watermark would make the next incremental run skip older history.
        assertThat(sliding.watermarkAfter()).isNull();
        assertThat(sliding.notes()).contains("watermark not advanced");
        assertThat(run(RefreshMode.FULL_REFRESH, null, null, null).watermarkAfter()).isEqualTo(DAY1.plusDays(6));
        // Clock: 2026-11-27 10:00 in Lima → the last 30 days start on Oct 28.
        assertThat(warehouse.windows()).containsExactly(new ExtractionWindow(LocalDate.of(2026, 10, 28), null),
                ExtractionWindow.unbounded());
    }

    @Test
    void aTransientPageFailureIsRetriedAndResumesWithoutReloadingCommittedPages() {
        // Page 3 is in the second LoadPages batch (2 pages per batch); its first read fails twice.
        warehouse.failPage(3, WarehouseException.retryable("backendError", "try again", null), 2);

        RefreshResult result = incremental();

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(14, 14, 0, 0, 0, 0));
        assertThat(warehouse.reads(0)).isEqualTo(1);
        assertThat(warehouse.reads(1)).isEqualTo(1);
        assertThat(warehouse.reads(2)).as("committed before the failure: taken from the ledger").isEqualTo(1);
        assertThat(warehouse.reads(3)).isEqualTo(3);
        assertThat(new ExecutionLogRepository(db).find(result.runId()).orElseThrow().attempts()).isEqualTo(3);
    }

    @Test
    void aPermanentFailureMidTableFailsTheRunAndLeavesTheWatermark() throws SQLException {
        incremental();
        warehouse.rows(TABLE).add(row(DAY1.plusDays(8), "A", 1, 1));
        warehouse.failPage(2, WarehouseException.permanent("accessDenied", "no permission on the view", null), 1);

        assertThatThrownBy(this::incremental).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = new ExecutionLogRepository(db).list(TABLE, RunStatus.FAILED, 10, 0).get(0);
        assertThat(failed.errorMessage()).contains("accessDenied").contains("no permission on the view");
        assertThat(failed.pages()).isEqualTo(2);
        assertThat(failed.finishedAt()).isNotNull();
        var watermark = new WatermarkRepository(db).find(TABLE).orElseThrow();
        assertThat(watermark.watermark()).isEqualTo(DAY1.plusDays(6));
        assertThat(watermark.lastStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(watermark.lastError()).contains("accessDenied");
        assertThat(warehouse.reads(2)).as("not retried").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM etl_run_page_keys")).isZero();
    }

    @Test
    void anInvalidQueryFailsAtExtractionWithItsReason() {
        warehouse.failExtraction(WarehouseException.permanent("invalidQuery", "Syntax error at [3:1]", null));

        assertThatThrownBy(this::incremental).isInstanceOf(WorkflowFailedException.class)
                .hasStackTraceContaining("Syntax error at [3:1]");

        RunRecord failed = new ExecutionLogRepository(db).list(TABLE, null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("warehouse invalidQuery: Syntax error at [3:1]");
        assertThat(failed.attempts()).isEqualTo(1);
    }

    @Test
    void rowsThatVanishInsideTheWindowAreDeletedUnlessTheResultIsTooSmall() throws SQLException {
        incremental();
        warehouse.rows(TABLE).remove(12); // day 7, file A

        RefreshResult second = incremental();
        assertThat(second.counts().deleted()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(13);

        // A backfill of a range the source returns almost nothing for (1 row < minimum 2) must not wipe it: held.
        warehouse.rows(TABLE).removeIf(r -> r[0].equals(DAY1) && r[1].equals("B"));
        RefreshResult guarded = run(RefreshMode.BACKFILL, null, DAY1, DAY1);
        assertThat(guarded.status()).isEqualTo(RunStatus.HELD);
        assertThat(guarded.counts().deleted()).isZero();
        assertThat(guarded.counts().kept()).isEqualTo(1);
        assertThat(guarded.error()).contains("would lose 1 of the 2 rows").contains("the source returned 1 row: that is fewer result rows than the table's minimum of 2");
        assertThat(count("SELECT count(*) FROM evolution_data WHERE fecha_foto = '2026-11-01'")).isEqualTo(2);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
