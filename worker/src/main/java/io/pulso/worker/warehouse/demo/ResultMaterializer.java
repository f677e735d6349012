package io.pulso.worker.warehouse.demo;

import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.WarehouseException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Runs a table's extraction and keeps its result as {@code etl_results.r_<id>} with a {@code _row} number
 * (1..n in key order), plus a manifest row, in one transaction. PostgreSQL does not take bind parameters in
 * CREATE TABLE AS, so the result's shape is read from a {@code LIMIT 0} run of the same parameterised query, the
 * table is created from it, and the rows go in with a parameterised INSERT ... SELECT.
 */
final class ResultMaterializer {

    static final String ROW_COLUMN = "_row";
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DataSource warehouse;
    private final ExtractionSqlCatalog catalog;

    ResultMaterializer(DataSource warehouse, ExtractionSqlCatalog catalog) {
        this.warehouse = warehouse;
        this.catalog = catalog;
    }

    ExtractionHandle materialize(TableDefinition table, ExtractionWindow window, String runId) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(window, "window");
        if (runId == null || runId.isBlank()) {
            throw WarehouseException.permanent("invalidRequest", "a run id is required to keep an extraction result", null);
        }
        NamedParameterSql sql = catalog.sqlFor(table);
        ResultId id = ResultId.of(runId, table.name());
        try (Connection c = warehouse.getConnection()) {
            c.setAutoCommit(false);
            try {
                ExtractionHandle handle = materialize(c, table, window, runId, id, sql);
                c.commit();
                return handle;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.classify("extraction of " + table.name() + " for run " + runId, e);
        }
    }

    private ExtractionHandle materialize(Connection c, TableDefinition table, ExtractionWindow window, String runId,
                                         ResultId id, NamedParameterSql sql) throws SQLException {
        // Serialises concurrent attempts of the same run: the second waits, then finds the manifest row.
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, id.lockKey());
            lock.execute();
        }
        Optional<ExtractionHandle> kept = findKept(c, id, table, window, runId);
        if (kept.isPresent()) {
            return kept.get();
        }
        List<ResultColumn> columns = describe(c, sql, window, table);
        createResultTable(c, id, columns);
        long total = insertRows(c, id, sql, window, table, columns);
        LocalDate maxIncremental = maxIncremental(c, id, table.incrementalColumn());
        List<String> names = columns.stream().map(ResultColumn::name).toList();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + DemoSourceSchema.MANIFEST
                + " (result_id, table_name, run_id, window_from, window_to, total_rows, max_incremental, columns)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id.value());
            insert.setString(2, table.name());
            insert.setString(3, runId);
            insert.setObject(4, window.from(), Types.DATE);
            insert.setObject(5, window.to(), Types.DATE);
            insert.setLong(6, total);
            insert.setObject(7, maxIncremental, Types.DATE);
            insert.setArray(8, c.createArrayOf("text", names.toArray()));
            insert.executeUpdate();
        }
        return new ExtractionHandle(id.value(), total, maxIncremental, names);
    }

    /** The handle of a result this run already kept; a different window for the same run is a caller bug. */
    private static Optional<ExtractionHandle> findKept(Connection c, ResultId id, TableDefinition table,
                                                       ExtractionWindow window, String runId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT table_name, run_id, window_from, window_to,"
                + " total_rows, max_incremental, columns FROM " + DemoSourceSchema.MANIFEST + " WHERE result_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ExtractionWindow keptWindow = new ExtractionWindow(rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class));
                if (!table.name().equals(rs.getString(1)) || !runId.equals(rs.getString(2))
                        || !keptWindow.equals(window)) {
                    throw WarehouseException.permanent("conflict", "run " + runId + " already kept a " + rs.getString(1)
                            + " result for window " + keptWindow + "; it cannot be extracted again for " + window, null);
                }
                Array array = rs.getArray(7);
                List<String> columns = Arrays.asList((String[]) array.getArray());
                return Optional.of(new ExtractionHandle(id.value(), rs.getLong(5), rs.getObject(6, LocalDate.class), columns));
            }
        }
    }

    private record ResultColumn(String name, String type) {
    }

    private static List<ResultColumn> describe(Connection c, NamedParameterSql sql, ExtractionWindow window,
                                               TableDefinition table) throws SQLException {
        List<ResultColumn> columns = new ArrayList<>();
        try (PreparedStatement probe = c.prepareStatement("SELECT * FROM (\n" + sql.jdbcSql() + "\n) AS extraction LIMIT 0")) {
            WindowParameters.bind(probe, sql, window, 1);
            try (ResultSet rs = probe.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new ResultColumn(meta.getColumnLabel(i), sqlType(meta.getColumnTypeName(i), table)));
                }
            }
        }
        List<String> names = columns.stream().map(ResultColumn::name).toList();
        if (names.contains(ROW_COLUMN)) {
            throw invalidQuery(table, "the result must not have a column named " + ROW_COLUMN);
        }
        if (names.stream().distinct().count() != names.size()) {
            throw invalidQuery(table, "the result has duplicate column names " + names);
        }
        for (String key : table.keyColumns()) {
            if (!names.contains(key)) {
                throw invalidQuery(table, "the result lacks key column " + key + " (columns: " + names + ")");
            }
        }
        if (!names.contains(table.incrementalColumn())) {
            throw invalidQuery(table, "the result lacks incremental column " + table.incrementalColumn()
                    + " (columns: " + names + ")");
        }
        return columns;
    }

    /** A PostgreSQL type name as the driver reports it ("int4", "_text" for text[]), usable in CREATE TABLE. */
    private static String sqlType(String reported, TableDefinition table) {
        boolean array = reported.startsWith("_");
        String base = array ? reported.substring(1) : reported;
        if (!TYPE_NAME.matcher(base).matches()) {
            throw invalidQuery(table, "unsupported result column type " + reported);
        }
        return array ? base + "[]" : base;
    }

    private static void createResultTable(Connection c, ResultId id, List<ResultColumn> columns) throws SQLException {
        String definitions = columns.stream().map(col -> quote(col.name()) + " " + col.type())
                .collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + id.qualifiedTable() + " (" + ROW_COLUMN + " bigint PRIMARY KEY, " + definitions + ")");
        }
    }

    /** Rows are numbered in key order, so pages come in the same order however often they are read. */
    private static long insertRows(Connection c, ResultId id, NamedParameterSql sql, ExtractionWindow window,
                                   TableDefinition table, List<ResultColumn> columns) throws SQLException {
        String names = columns.stream().map(col -> quote(col.name())).collect(Collectors.joining(", "));
        String order = table.keyColumns().stream().map(ResultMaterializer::quote).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + id.qualifiedTable() + " (" + ROW_COLUMN + ", " + names + ")"
                + " SELECT row_number() OVER (ORDER BY " + order + "), " + names
                + " FROM (\n" + sql.jdbcSql() + "\n) AS extraction";
        try (PreparedStatement statement = c.prepareStatement(insert)) {
            WindowParameters.bind(statement, sql, window, 1);
            return statement.executeLargeUpdate();
        }
    }

    private static LocalDate maxIncremental(Connection c, ResultId id, String column) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(max(" + quote(column) + ") AS date) FROM " + id.qualifiedTable())) {
            rs.next();
            return rs.getObject(1, LocalDate.class);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static WarehouseException invalidQuery(TableDefinition table, String problem) {
        return WarehouseException.permanent("invalidQuery",
                "extraction SQL of " + table.name() + " (" + table.sqlResource(ExtractionSqlCatalog.DIALECT) + "): " + problem,
                null);
    }
}
