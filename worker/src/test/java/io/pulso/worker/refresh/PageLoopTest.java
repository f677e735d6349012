package io.pulso.worker.refresh;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.load.PageLoader;
import io.pulso.worker.load.RunOwnership;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.WarehouseException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageLoopTest {

    private static final String TABLE = "evolution_data";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static HikariDataSource db;
    private static TableSchema schema;
    private InMemoryWarehouse warehouse;
    private final List<Integer> reported = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("pageloop");
        schema = new CatalogSchemaVerifier(db).verify(TableCatalog.pulso()).get(TABLE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_page_ledger, etl_run_page_keys, etl_watermarks");
        RunOwnership.claim(db, "evolution_data", "run-1");
        warehouse = new InMemoryWarehouse();
        reported.clear();
    }

    private LoadBatch run(List<Object[]> rows, int pageSize) throws SQLException {
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        ExtractionHandle handle = warehouse.runExtraction(schema.definition(), ExtractionWindow.unbounded(), "run-1");
        try (PageLoop loop = new PageLoop(new PageLoader(db), warehouse, handle, schema, pageSize, "run-1", true,
                new RunKeyDigests())) {
            return loop.run(PageCursor.first(), 100, () -> true, (outcome, next) -> reported.add(next.pageIndex() - 1));
        }
    }

    @Test
    void aKeyOnSeveralPagesEndsWithItsLastValueAndEveryPageIsReportedInOrder() throws SQLException {
        LoadBatch batch = run(List.of(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1), row(DAY, "A", 2, 1), row(DAY, "C", 1, 1),
                row(DAY, "A", 3, 1), row(DAY, "D", 1, 1)), 2);

        assertThat(batch.done()).isTrue();
        assertThat(batch.pages()).isEqualTo(3);
        assertThat(batch.counts()).isEqualTo(new RowCounts(6, 4, 2, 0, 0, 0));
        assertThat(reported).containsExactly(0, 1, 2);
        assertThat(text("SELECT recupero FROM evolution_data WHERE archivo = 'A'")).isEqualTo("3");
    }

    @Test
    void aPageWithOtherKeysLoadsWhileThePageBeforeItWaits() throws Exception {
        TestDatabase.execute(db, "INSERT INTO evolution_data (fecha_foto, archivo, recupero) VALUES ('2026-11-01', 'LOCKED', 0)");
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT * FROM evolution_data WHERE archivo = 'LOCKED' FOR UPDATE");
            }
            // Page 0 updates the locked row and waits for it; page 1 shares no key with it and commits meanwhile.
            CompletableFuture<LoadBatch> loading = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(List.of(row(DAY, "LOCKED", 5, 1), row(DAY, "A", 1, 1), row(DAY, "B", 1, 1), row(DAY, "C", 1, 1)), 2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"1".equals(text("SELECT string_agg(page_index::text, ',') FROM etl_page_ledger WHERE run_id = 'run-1'"))) {
                assertThat(System.nanoTime()).as("page 1 committed while page 0 waited").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(reported).as("nothing reported past a page still loading").isEmpty();
            holder.commit();

            LoadBatch batch = loading.get(20, TimeUnit.SECONDS);
            assertThat(batch.counts()).isEqualTo(new RowCounts(4, 3, 1, 0, 0, 0));
            assertThat(reported).containsExactly(0, 1);
        }
    }

    @Test
    void aFailedPageStopsTheLoopAfterThePageInFlightSettlesAndReportsNothingPastIt() throws SQLException {
        warehouse.failPage(2, WarehouseException.permanent("accessDenied", "no access", null), 1);

        assertThatThrownBy(() -> run(List.of(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1), row(DAY, "C", 1, 1),
                row(DAY, "D", 1, 1), row(DAY, "E", 1, 1)), 2))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("no access");

        assertThat(reported).containsExactly(0);
        assertThat(text("SELECT string_agg(page_index::text, ',' ORDER BY page_index) FROM etl_page_ledger"))
                .as("page 1 was in flight when page 2's read failed: it settled, committed").isEqualTo("0,1");
    }

    private static String text(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
