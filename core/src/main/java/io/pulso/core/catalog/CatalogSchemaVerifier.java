package io.pulso.core.catalog;

import io.pulso.core.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Checks the catalog against the database at startup: every table exists, its primary key is exactly the
 * catalog's key columns (so the upsert's ON CONFLICT matches a constraint), and it has the bookkeeping columns.
 * Returns each table's columns as the database declares them, so column lists are never written twice.
 */
public final class CatalogSchemaVerifier {

    private final DataSource dataSource;

    public CatalogSchemaVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The schema of every catalog table, or a {@link CatalogMismatchException} listing every mismatch. */
    public Map<String, TableSchema> verify(TableCatalog catalog) {
        Map<String, TableSchema> schemas = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (TableDefinition table : catalog.all()) {
                List<TableColumn> columns = columns(c, table.name());
                if (columns.isEmpty()) {
                    problems.add(table.name() + ": table does not exist (are the migrations applied?)");
                    continue;
                }
                List<String> primaryKey = primaryKey(c, table.name());
                if (!primaryKey.equals(table.keyColumns())) {
                    problems.add(table.name() + ": catalog key " + table.keyColumns() + " is not the table's primary key "
                            + (primaryKey.isEmpty() ? "(none)" : primaryKey));
                }
                List<String> names = columns.stream().map(TableColumn::name).toList();
                for (String required : TableSchema.BOOKKEEPING_COLUMNS) {
                    if (!names.contains(required)) {
                        problems.add(table.name() + ": column " + required + " is missing");
                    }
                }
                table.windowColumn().filter(w -> !names.contains(w))
                        .ifPresent(w -> problems.add(table.name() + ": window column " + w + " is missing"));
                List<TableColumn> data = columns.stream()
                        .filter(col -> !TableSchema.BOOKKEEPING_COLUMNS.contains(col.name())).toList();
                schemas.put(table.name(), new TableSchema(table, data));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the database schema: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new CatalogMismatchException(problems);
        }
        return schemas;
    }

    private static List<TableColumn> columns(Connection c, String table) throws SQLException {
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull "
                + "FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            List<TableColumn> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
            return columns;
        }
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        String sql = "SELECT a.attname FROM pg_constraint k "
                + "CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, position) "
                + "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum "
                + "WHERE k.conrelid = to_regclass(?) AND k.contype = 'p' ORDER BY key.position";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            List<String> key = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
            return key;
        }
    }
}
