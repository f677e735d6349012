package io.pulso.worker.load;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.Page;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageLoaderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static HikariDataSource db;
    private static TableSchema evolution;
    /** evolution_data as a table whose extraction does not promise one row per key (duplicates: the last wins). */
    private static TableSchema evolutionWithRepeats;
    private PageLoader loader;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("loader");
        evolution = new CatalogSchemaVerifier(db).verify(TableCatalog.pulso()).get("evolution_data");
        TableDefinition plain = evolution.definition();
        evolutionWithRepeats = new CatalogSchemaVerifier(db).verify(new TableCatalog(List.of(new TableDefinition(plain.name(),
                plain.group(), plain.keyColumns(), plain.incrementalColumn(), plain.windowColumn(), plain.lookbackDays(),
                plain.pageSize(), plain.refreshInterval(), plain.deleteVanished(), plain.minExpectedRows()))))
                .get("evolution_data");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_page_ledger, etl_run_page_keys, etl_watermarks");
        loader = new PageLoader(db);
    }

    /** The loader, with {@code runId} made the running owner of evolution_data (as BeginRun does). */
    private PageLoader owner(String runId) {
        RunOwnership.claim(db, "evolution_data", runId);
        return loader;
    }

    private static Page page(Object[]... rows) {
        return new Page(EvolutionRows.COLUMNS, List.of(rows), null);
    }

    @Test
    void countsInsertsUpdatesAndUnchangedExactly() throws SQLException {
        PageOutcome first = owner("run-1").load("run-1", 0, evolution,
                page(row(DAY, "A", 10, 1), row(DAY, "B", 20, 2), row(DAY, "C", 30, 3)), false);
        assertThat(first.counts()).isEqualTo(new RowCounts(3, 3, 0, 0, 0, 0));

        PageOutcome second = owner("run-2").load("run-2", 0, evolution,
                page(row(DAY, "A", 10, 1), row(DAY, "B", 21, 2), row(DAY, "D", 40, 4)), false);
        assertThat(second.counts()).isEqualTo(new RowCounts(3, 1, 1, 1, 0, 0));
        assertThat(second.fromLedger()).isFalse();

        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(4);
        assertThat(count("SELECT recupero FROM evolution_data WHERE archivo = 'B'")).isEqualTo(21);
    }

    @Test
    void unchangedRowsAreNotRewritten() throws SQLException {
        owner("run-1").load("run-1", 0, evolution, page(row(DAY, "A", 10, 1)), false);
        String before = text("SELECT xmin::text || updated_at::text FROM evolution_data");
        owner("run-2").load("run-2", 0, evolution, page(row(DAY, "A", 10, 1)), false);
        assertThat(text("SELECT xmin::text || updated_at::text FROM evolution_data")).isEqualTo(before);
    }

    @Test
    void aPageLoadedTwiceChangesNothingAndReturnsTheRecordedCounts() throws SQLException {
        Page page = page(row(DAY, "A", 10, 1), row(DAY, "B", 20, 2));
        PageOutcome first = owner("run-1").load("run-1", 0, evolution, page, true);
        String snapshot = text("SELECT string_agg(archivo || recupero || xmin::text, ',' ORDER BY archivo) FROM evolution_data");

        PageOutcome again = owner("run-1").load("run-1", 0, evolution, page, true);

        assertThat(again.fromLedger()).isTrue();
        assertThat(again.counts()).isEqualTo(first.counts()).isEqualTo(new RowCounts(2, 2, 0, 0, 0, 0));
        assertThat(text("SELECT string_agg(archivo || recupero || xmin::text, ',' ORDER BY archivo) FROM evolution_data"))
                .isEqualTo(snapshot);
        assertThat(count("SELECT count(*) FROM etl_page_ledger WHERE run_id = 'run-1'")).isEqualTo(1);
        assertThat(loader.committed("run-1", 0)).contains(again);
        assertThat(loader.committed("run-1", 1)).isEmpty();
    }

    @Test
    void duplicateKeysWithinAPageKeepTheLastAndAreCounted() throws SQLException {
        PageOutcome outcome = owner("run-1").load("run-1", 0, evolutionWithRepeats,
                page(row(DAY, "A", 10, 1), row(DAY, "A", 11, 1), row(DAY, "A", 12, 1), row(DAY, "B", 5, 1)), false);
        assertThat(outcome.counts()).isEqualTo(new RowCounts(4, 2, 0, 0, 0, 2));
        assertThat(count("SELECT recupero FROM evolution_data WHERE archivo = 'A'")).isEqualTo(12);
    }

    @Test
    void aRepeatedKeyFailsATableWhoseSqlPromisesOneRowPerKeyNamingTheKey() throws SQLException {
        assertThatThrownBy(() -> owner("run-1").load("run-1", 0, evolution,
                page(row(DAY, "A", 10, 1), row(DAY, "B", 5, 1), row(DAY, "A", 11, 1)), false))
                .isInstanceOf(PageDataException.class)
                .hasMessageContaining("evolution_data: the extraction result has the key (fecha_foto=2026-11-01, archivo=A) "
                        + "more than once")
                .hasMessageNotContaining("10.0");
        assertThat(count("SELECT count(*) FROM evolution_data")).isZero();
    }

    @Test
    void aPageAfterOneOfMostlyNewRowsSkipsTheRowByRowCheckAndStillCountsExactlyWithoutRewriting() throws SQLException {
        owner("seed").load("seed", 0, evolution, page(row(DAY, "KEEP", 1, 1), row(DAY, "CHANGE", 1, 1)), false);
        String kept = text("SELECT xmin::text || updated_at::text FROM evolution_data WHERE archivo = 'KEEP'");

        // Page 0 is all new rows, so page 1 goes straight to the upsert, whose WHERE keeps KEEP as it is.
        owner("run-1").load("run-1", 0, evolution, page(row(DAY, "N1", 1, 1), row(DAY, "N2", 1, 1)), false);
        PageOutcome mixed = owner("run-1").load("run-1", 1, evolution,
                page(row(DAY, "KEEP", 1, 1), row(DAY, "CHANGE", 2, 1), row(DAY, "N3", 1, 1)), false);

        assertThat(mixed.counts()).isEqualTo(new RowCounts(3, 1, 1, 1, 0, 0));
        assertThat(text("SELECT xmin::text || updated_at::text FROM evolution_data WHERE archivo = 'KEEP'")).isEqualTo(kept);
        assertThat(text("SELECT xmax <> 0 FROM evolution_data WHERE archivo = 'KEEP'")).as("locked by the upsert").isEqualTo("t");
    }

    @Test
    void aPageAfterOneOfMostlyUnchangedRowsDropsUnchangedRowsBeforeTheUpsert() throws SQLException {
        owner("seed").load("seed", 0, evolution, page(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1), row(DAY, "C", 1, 1)), false);
        TestDatabase.execute(db, "VACUUM evolution_data");

        owner("run-1").load("run-1", 0, evolution, page(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1)), false);
        PageOutcome outcome = owner("run-1").load("run-1", 1, evolution, page(row(DAY, "C", 1, 1), row(DAY, "D", 1, 1)), false);

        assertThat(outcome.counts()).isEqualTo(new RowCounts(2, 1, 0, 1, 0, 0));
        assertThat(count("SELECT count(*) FROM evolution_data WHERE archivo IN ('A', 'B', 'C') AND xmax = 0"))
                .as("never locked: no WAL for unchanged rows").isEqualTo(3);
    }

    @Test
    void aPageRecordsItsKeysAsOneRowAndAnEmptyPageNone() throws SQLException {
        owner("run-1").load("run-1", 0, evolution, page(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1)), true);
        owner("run-1").load("run-1", 1, evolution, page(), true);

        assertThat(strings("SELECT page_index || ':' || array_to_string(keys, ' ') FROM etl_run_page_keys WHERE run_id = 'run-1'"))
                .containsExactly("0:(2026-11-01,A) (2026-11-01,B)");
    }

    @Test
    void encodingTellsWhetherAPageHasDuplicateKeys() {
        assertThat(loader.encode(evolution, page(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1))).keysDistinct()).isTrue();
        assertThat(loader.encode(evolution, page(row(DAY, "A", 1, 1), row(DAY.plusDays(1), "A", 1, 1))).keysDistinct()).isTrue();
        assertThat(loader.encode(evolutionWithRepeats, page(row(DAY, "A", 1, 1), row(DAY, "A", 2, 1))).keysDistinct()).isFalse();
    }

    @Test
    void textIsEscapedForCopyAndNumbersKeepTheirValue() throws SQLException {
        Object[] tricky = row(DAY, "tab\there\\back\nline", 0.1 + 0.2, 7);
        tricky[2] = null;
        tricky[9] = new BigDecimal("7");
        owner("run-1").load("run-1", 0, evolution, page(tricky), false);
        assertThat(text("SELECT archivo FROM evolution_data")).isEqualTo("tab\there\\back\nline");
        assertThat(text("SELECT cartera IS NULL FROM evolution_data")).isEqualTo("t");
        assertThat(text("SELECT recupero = 0.30000000000000004::float8 FROM evolution_data")).isEqualTo("t");
        // The same double read back and loaded again is not a change.
        tricky[2] = null;
        assertThat(owner("run-2").load("run-2", 0, evolution, page(tricky), false).counts().unchanged()).isEqualTo(1);
    }

    @Test
    void aWrongTypeFailsNamingTheColumnAndWritesNothing() throws SQLException {
        Object[] bad = row(DAY, "A", 10, 1);
        bad[9] = "many";
        assertThatThrownBy(() -> owner("run-1").load("run-1", 0, evolution, page(row(DAY, "Z", 1, 1), bad), false))
                .isInstanceOf(PageDataException.class)
                .hasMessageContaining("column cuentas")
                .hasMessageContaining("expects an integer")
                .hasMessageContaining("in the row with key (fecha_foto=2026-11-01, archivo=A)")
                .hasMessageNotContaining("many");
        assertThat(count("SELECT count(*) FROM evolution_data")).isZero();
    }

    @Test
    void aNullInANotNullColumnFailsNamingTheColumnAndTheKeyButNoValue() throws SQLException {
        Object[] divisionByZero = row(DAY, "Ñandú", 12345.67, 1);
        divisionByZero[5] = null; // pct_contac
        assertThatThrownBy(() -> owner("run-1").load("run-1", 0, evolution, page(row(DAY, "Z", 1, 1), divisionByZero), false))
                .isInstanceOf(PageDataException.class)
                .hasMessageContaining("evolution_data: column pct_contac is NULL in the row with key "
                        + "(fecha_foto=2026-11-01, archivo=Ñandú)")
                .hasMessageContaining("NOT NULL")
                .hasMessageNotContaining("12345");
        assertThat(count("SELECT count(*) FROM evolution_data")).isZero();
    }

    @Test
    void aMissingColumnAndANullKeyFailClearly() {
        Page missing = new Page(EvolutionRows.COLUMNS.subList(0, 5), List.<Object[]>of(new Object[] {DAY, "A", "T", "M", 1.0}), null);
        assertThatThrownBy(() -> owner("run-1").load("run-1", 0, evolution, missing, false))
                .isInstanceOf(PageDataException.class).hasMessageContaining("no column pct_contac");
        Object[] nullKey = row(DAY, null, 10, 1);
        assertThatThrownBy(() -> owner("run-1").load("run-1", 0, evolution, page(nullKey), false))
                .isInstanceOf(PageDataException.class).hasMessageContaining("key column archivo is null");
    }

    @Test
    void assignmentRowsVanishByWholeMonthsOfTheWindow() throws SQLException {
        TableSchema assignment = new CatalogSchemaVerifier(db).verify(TableCatalog.pulso()).get("assignment_data");
        TestDatabase.execute(db, "TRUNCATE assignment_data");
        List<String> columns = List.of("periodo", "archivo", "cartera", "clientes", "cuentas", "deuda_asig", "deuda_actual",
                "ticket_promedio", "fecha_procesamiento", "fecha_asignacion");
        java.util.function.BiFunction<String, String, Object[]> month = (periodo, archivo) -> new Object[] {periodo, archivo,
                "TEMPRANA", 1, 1, 10.0, 5.0, 10.0, null, LocalDate.parse(periodo + "-01")};
        RunOwnership.claim(db, "assignment_data", "seed");
        loader.load("seed", 0, assignment, new Page(columns, List.of(month.apply("2026-10", "A"),
                month.apply("2026-11", "A"), month.apply("2026-11", "GONE"), month.apply("2026-12", "A")), null), false);

        // A window from Nov 15 to Nov 20 recomputes the whole of November: GONE vanished from it; October and December stay.
        RunOwnership.claim(db, "assignment_data", "run-1");
        loader.load("run-1", 0, assignment, new Page(columns, List.<Object[]>of(month.apply("2026-11", "A")), null), true);
        try (Connection c = db.getConnection()) {
            LocalDate from = LocalDate.of(2026, 11, 15);
            LocalDate to = LocalDate.of(2026, 11, 20);
            assertThat(loader.countWindow(c, assignment, from, to)).isEqualTo(2);
            assertThat(loader.deleteVanished(c, assignment, "run-1", from, to)).isEqualTo(1);
        }
        assertThat(text("SELECT string_agg(periodo || archivo, ',' ORDER BY periodo) FROM assignment_data"))
                .isEqualTo("2026-10A,2026-11A,2026-12A");
    }

    @Test
    void deletesOnlyRowsOfTheWindowThatTheRunDidNotSee() throws SQLException {
        LocalDate before = DAY.minusDays(10);
        owner("seed").load("seed", 0, evolution, page(row(before, "OLD", 1, 1), row(DAY, "A", 1, 1), row(DAY, "GONE", 1, 1),
                row(DAY.plusDays(1), "B", 1, 1)), false);

        owner("run-1").load("run-1", 0, evolution, page(row(DAY, "A", 1, 1)), true);
        owner("run-1").load("run-1", 1, evolution, new Page(EvolutionRows.COLUMNS, List.<Object[]>of(row(DAY.plusDays(1), "B", 2, 1)), null), true);
        long deleted;
        try (Connection c = db.getConnection()) {
            deleted = loader.deleteVanished(c, evolution, "run-1", DAY, null);
        }
        assertThat(deleted).isEqualTo(1);
        assertThat(strings("SELECT archivo FROM evolution_data ORDER BY archivo")).containsExactly("A", "B", "OLD");
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(text(sql).replaceAll("\\.0$", ""));
    }

    private static String text(String sql) throws SQLException {
        List<String> values = strings(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
