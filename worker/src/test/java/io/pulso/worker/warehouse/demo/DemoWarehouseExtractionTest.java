package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key correctness check: every table's Postgres extraction SQL, run and kept by DemoWarehouse and read back
 * page by page, equals what DemoSourceAggregates computes in Java from the raw source rows.
 */
class DemoWarehouseExtractionTest {

    private static final TableCatalog CATALOG = TableCatalog.pulso();
    private static HikariDataSource warehouse;
    private static HikariDataSource destination;
    private static DemoSourceAggregates source;
    private static DemoWarehouse demo;

    @BeforeAll
    static void generate() {
        warehouse = DemoTestData.smallWarehouse();
        source = DemoSourceAggregates.load(warehouse);
        demo = new DemoWarehouse(warehouse);
        destination = TestDatabase.migrated("demo_destination");
    }

    @AfterAll
    static void closeDestination() {
        destination.close();
    }

    static Stream<Arguments> tablesAndWindows() {
        List<ExtractionWindow> windows = List.of(
                ExtractionWindow.unbounded(),
                new ExtractionWindow(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 3)),
                new ExtractionWindow(null, LocalDate.of(2026, 9, 28)),
                new ExtractionWindow(LocalDate.of(2026, 10, 2), null),
                new ExtractionWindow(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 5)));
        return CATALOG.names().stream().flatMap(table -> windows.stream().map(w -> Arguments.of(table, w)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tablesAndWindows")
    void extractionResultEqualsTheIndependentJavaComputation(String tableName, ExtractionWindow window) {
        TableDefinition table = CATALOG.require(tableName);
        ExpectedTable expected = source.expected(tableName, window);
        ExtractionHandle handle = demo.runExtraction(table, window, "extraction-test-" + tableName + "-" + window);
        try {
            PagedResult result = PagedResult.readAll(demo, handle, 97);

            expected.diff(result.rows()).assertMatches();
            assertThat(expected.rows()).as("expected rows").isNotEmpty();
            assertThat(result.rows()).hasSize(expected.rows().size());
            assertThat(handle.totalRows()).isEqualTo(expected.rows().size());
            assertThat(handle.columns()).containsExactlyElementsOf(expected.columns());
            assertThat(handle.maxIncremental()).isEqualTo(expected.rows().values().stream()
                    .map(row -> (LocalDate) row.get(table.incrementalColumn()))
                    .max(Comparator.naturalOrder()).orElse(null));
            assertPlainJavaTypes(result.rows());
        } finally {
            demo.release(handle);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableNames")
    void resultColumnsAreTheDestinationColumnsAndItsRowsLoadIntoTheDestinationTable(String tableName) throws SQLException {
        TableDefinition table = CATALOG.require(tableName);
        ExpectedTable expected = source.expected(tableName, ExtractionWindow.unbounded());
        ExtractionHandle handle = demo.runExtraction(table, ExtractionWindow.unbounded(), "load-test-" + tableName);
        try {
            List<String> destinationColumns = destinationColumns(tableName);
            List<String> resultColumns = handle.columns().stream()
                    .filter(c -> !expected.resultOnlyColumns().contains(c)).toList();
            assertThat(resultColumns).containsExactlyElementsOf(destinationColumns);

            insertIntoDestination(tableName, resultColumns, PagedResult.readAll(demo, handle, 1_000).rows());
            expected.destinationView().diffAgainst(destination).assertMatches();
        } finally {
            demo.release(handle);
        }
    }

    static Stream<String> tableNames() {
        return CATALOG.names().stream();
    }

    private static void assertPlainJavaTypes(List<Map<String, Object>> rows) {
        List<Class<?>> allowed = List.of(String.class, Long.class, Integer.class, Double.class, BigDecimal.class,
                Boolean.class, LocalDate.class, OffsetDateTime.class);
        assertThat(rows.stream().flatMap(r -> r.values().stream()).filter(Objects::nonNull)
                .map(Object::getClass).collect(Collectors.toSet())).isSubsetOf(allowed);
    }

    private static List<String> destinationColumns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = destination.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
                        + " AND column_name NOT IN ('created_at', 'updated_at') ORDER BY ordinal_position")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static void insertIntoDestination(String table, List<String> columns, List<Map<String, Object>> rows)
            throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (Connection c = destination.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            c.createStatement().execute("TRUNCATE " + table);
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, row.get(columns.get(i)));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
