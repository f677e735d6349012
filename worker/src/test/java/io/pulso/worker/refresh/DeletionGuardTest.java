package io.pulso.worker.refresh;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.testing.TestDatabase;
import io.pulso.core.catalog.TableSchema;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source that breaks must never cost a row: the deletion guard against the destination's own window, the
 * explicit override, and the watermark that never moves back by itself. Real activities, real PostgreSQL.
 */
class DeletionGuardTest {

    private static final String TABLE = "evolution_data";
    private static final LocalDate DAY1 = LocalDate.of(2026, 7, 1);
    private static final int DAYS = 60;
    /** Lookback 3 days, pages of 25 rows, vanished rows deleted, the standard guard (10 % of the window, or 25 rows). */
    private static final TableCatalog CATALOG = EvolutionRows.catalog(25, 1);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-01T15:00:00Z"), ZoneOffset.UTC);

    private static HikariDataSource db;
    private static Map<String, TableSchema> schemas;

    private final InMemoryWarehouse warehouse = new InMemoryWarehouse();
    private WorkflowClient client;
    private String taskQueue;

    /** A fresh in-process Temporal service per test, running the real workflow over the real activities. */
    @RegisterExtension
    final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WorkerSettings.standard().workflowOptions(), RefreshTableWorkflowImpl.class)
            .setActivityImplementations(new RefreshActivitiesImpl(CATALOG, schemas, warehouse, db, CLOCK,
                    RefreshActivitiesImpl.LoadBudget.standard()))
            .build();

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("deletion_guard");
        schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void clean(WorkflowClient testClient, Worker worker) {
        client = testClient;
        taskQueue = worker.getTaskQueue();
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        warehouse.put(TABLE, EvolutionRows.COLUMNS, days(DAY1, DAYS));
    }

    /** Two files a day ("A" and "Ñandú", non-ASCII) for {@code days} days from {@code first}. */
    private static List<Object[]> days(LocalDate first, int days) {
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            rows.add(row(first.plusDays(d), "A", 100 + d, 10));
            rows.add(row(first.plusDays(d), "Ñandú", 200 + d, 20));
        }
        return rows;
    }

    private RefreshResult run(RefreshRequest request) {
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(WorkflowIds.refresh(TABLE)).build());
        return workflow.refresh(request);
    }

    private static RefreshRequest request(RefreshMode mode) {
        return new RefreshRequest(TABLE, mode, null, null, null, Trigger.API, null);
    }

    @Test
    void aSourceThatSuddenlyReturnsOnlyItsOldestDayIsHeldAndTheTableKeepsEveryRow() throws SQLException {
        RefreshResult first = run(request(RefreshMode.FULL_REFRESH));
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(120);
        LocalDate newest = DAY1.plusDays(DAYS - 1);

        // The upstream view breaks: only the rows of its oldest day come back, one of them with a new value.
        warehouse.put(TABLE, EvolutionRows.COLUMNS, List.of(row(DAY1, "A", 100, 10), row(DAY1, "Ñandú", 999, 20)));
        RefreshResult broken = run(request(RefreshMode.FULL_REFRESH));

        assertThat(broken.status()).isEqualTo(RunStatus.HELD);
        assertThat(broken.counts().deleted()).isZero();
        assertThat(broken.counts().kept()).isEqualTo(118);
        assertThat(broken.counts().extracted()).isEqualTo(2);
        assertThat(broken.counts().unchanged()).isEqualTo(1);
        assertThat(broken.counts().updated()).as("the result's rows are loaded").isEqualTo(1);
        assertThat(broken.watermarkAfter()).isEqualTo(newest);
        assertThat(broken.error()).contains("would lose 118 of the 120 rows (98.3 %) in its window (the whole table)")
                .contains("98.3 %").contains("deletion guard").contains("\"allowDeletion\": \"all\"")
                .contains("/runs/" + broken.runId() + "/retry");
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(120);
        assertThat(count("SELECT recupero FROM evolution_data WHERE archivo = 'Ñandú' AND fecha_foto = '2026-07-01'"))
                .isEqualTo(999);

        RunRecord logged = new ExecutionLogRepository(db).find(broken.runId()).orElseThrow();
        assertThat(logged.status()).isEqualTo(RunStatus.HELD);
        assertThat(logged.counts().kept()).isEqualTo(118);
        assertThat(logged.errorMessage()).isEqualTo(broken.error());
        WatermarkRecord mark = new WatermarkRepository(db).find(TABLE).orElseThrow();
        assertThat(mark.watermark()).as("watermark unmoved").isEqualTo(newest);
        assertThat(mark.lastStatus()).isEqualTo(RunStatus.HELD);
        assertThat(count("SELECT count(*) FROM etl_run_page_keys")).as("keys released").isZero();

        // The incremental refresh after it reads the last days, which the broken source no longer has: held too.
        RefreshResult incremental = run(request(RefreshMode.INCREMENTAL));
        assertThat(incremental.status()).isEqualTo(RunStatus.HELD);
        assertThat(incremental.counts().kept()).isEqualTo(8);
        assertThat(incremental.error()).contains("the source returned 0 rows: that is fewer result rows than the table's minimum of 1");
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(120);
        assertThat(new WatermarkRepository(db).find(TABLE).orElseThrow().watermark()).isEqualTo(newest);
    }

    @Test
    void anExplicitOverrideDeletesAndOnlyAnExplicitRewindMovesTheWatermarkBack() throws SQLException {
        run(request(RefreshMode.FULL_REFRESH));
        LocalDate newest = DAY1.plusDays(DAYS - 1);
        warehouse.put(TABLE, EvolutionRows.COLUMNS, days(DAY1, 2));
        RefreshResult held = run(request(RefreshMode.FULL_REFRESH));
        assertThat(held.status()).isEqualTo(RunStatus.HELD);

        RefreshResult allowed = run(request(RefreshMode.FULL_REFRESH).withOverrides(new GuardOverrides(1.0, false)));
        assertThat(allowed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(allowed.counts().deleted()).isEqualTo(116);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(4);
        assertThat(allowed.watermarkAfter()).as("never backwards by itself").isEqualTo(newest);
        assertThat(allowed.notes()).contains("watermark kept at " + newest).contains("rewindWatermark");
        RunRecord logged = new ExecutionLogRepository(db).find(allowed.runId()).orElseThrow();
        assertThat(logged.overrides().allowDeletionText()).isEqualTo("all");

        RefreshResult rewound = run(request(RefreshMode.FULL_REFRESH).withOverrides(new GuardOverrides(null, true)));
        assertThat(rewound.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rewound.watermarkAfter()).isEqualTo(DAY1.plusDays(1));
        assertThat(new WatermarkRepository(db).find(TABLE).orElseThrow().watermark()).isEqualTo(DAY1.plusDays(1));
    }

    @Test
    void aShareOverrideAllowsUpToItsShareAndNoMore() throws SQLException {
        run(request(RefreshMode.FULL_REFRESH));
        warehouse.put(TABLE, EvolutionRows.COLUMNS, days(DAY1, 30)); // half of the rows vanish

        RefreshResult tooFew = run(request(RefreshMode.FULL_REFRESH).withOverrides(new GuardOverrides(0.4, false)));
        assertThat(tooFew.status()).isEqualTo(RunStatus.HELD);
        assertThat(tooFew.error()).contains("would lose 60 of the 120 rows").contains("the request's allowDeletion")
                .contains("48 rows");
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(120);

        RefreshResult enough = run(request(RefreshMode.FULL_REFRESH).withOverrides(new GuardOverrides(0.5, false)));
        assertThat(enough.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(enough.counts().deleted()).isEqualTo(60);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(60);
    }

    @Test
    void aFewRowsThatReallyVanishAreStillDeletedWithoutAnOverride() throws SQLException {
        run(request(RefreshMode.FULL_REFRESH));
        warehouse.rows(TABLE).removeIf(r -> r[1].equals("Ñandú") && ((LocalDate) r[0]).isAfter(DAY1.plusDays(DAYS - 4))); // its last 3 days

        RefreshResult incremental = run(request(RefreshMode.INCREMENTAL));

        assertThat(incremental.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(incremental.counts().deleted()).isEqualTo(3);
        assertThat(incremental.counts().kept()).isZero();
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(117);
    }

    private static long count(String sql) {
        return TestDatabase.count(db, sql);
    }
}
