package io.pulso.worker.warehouse.bigquery.zetasql;

import io.pulso.core.catalog.TableDefinition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/** A destination table's rows by key, every column but the bookkeeping ones, and an exact comparison of two. */
final class DestinationTables {

    private static final Set<String> BOOKKEEPING = Set.of("created_at", "updated_at");

    private DestinationTables() {
    }

    /** Rows keyed by their key values; timestamps as instants, integers as Long, NUMERIC as BigDecimal. */
    static Map<List<Object>, Map<String, Object>> read(DataSource db, TableDefinition table) {
        Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
        String order = String.join(", ", table.keyColumns());
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " ORDER BY " + order)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnLabel(i);
                    if (!BOOKKEEPING.contains(column)) {
                        row.put(column, value(rs, i, meta.getColumnTypeName(i)));
                    }
                }
                List<Object> key = new ArrayList<>();
                table.keyColumns().forEach(k -> key.add(row.get(k)));
                rows.put(Collections.unmodifiableList(key), row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table.name() + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** Every difference between two versions of a table, naming the key and the column; empty when identical. */
    static List<String> differences(String table, Map<List<Object>, Map<String, Object>> expected,
                                    Map<List<Object>, Map<String, Object>> actual) {
        List<String> found = new ArrayList<>();
        expected.forEach((key, row) -> {
            Map<String, Object> other = actual.get(key);
            if (other == null) {
                found.add(table + " " + key + ": only in the first");
                return;
            }
            row.forEach((column, value) -> {
                if (!same(value, other.get(column))) {
                    found.add(table + " " + key + " column " + column + ": " + value + " <> " + other.get(column));
                }
            });
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key))
                .forEach(key -> found.add(table + " " + key + ": only in the second"));
        return found;
    }

    /** Exact: NUMERIC by compareTo (scale differs between sources), doubles bit for bit, the rest by equals. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static Object value(ResultSet rs, int index, String type) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case "timestamptz" -> rs.getObject(index, OffsetDateTime.class).toInstant();
            case "date" -> rs.getObject(index, LocalDate.class);
            case "int2", "int4", "int8" -> rs.getLong(index);
            case "float4", "float8" -> rs.getDouble(index);
            case "numeric" -> rs.getBigDecimal(index);
            default -> raw;
        };
    }
}
