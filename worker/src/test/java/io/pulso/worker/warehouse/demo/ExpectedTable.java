package io.pulso.worker.warehouse.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The rows a destination table (or an extraction result) should hold for one window, computed independently of
 * the extraction SQL by {@link DemoSourceAggregates}.
 *
 * @param table             destination table name
 * @param keyColumns        the table's key
 * @param columns           every compared column, keys included
 * @param resultOnlyColumns columns the extraction result has but the destination table does not
 * @param rows              expected rows by key (key values normalised by {@link RowValues#key})
 * @param scope             which actual rows belong to the window (so a destination holding more is compared fairly)
 */
public record ExpectedTable(String table, List<String> keyColumns, List<String> columns, Set<String> resultOnlyColumns,
                            Map<List<Object>, Map<String, Object>> rows, Predicate<Map<String, Object>> scope) {

    public ExpectedTable {
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        resultOnlyColumns = Set.copyOf(resultOnlyColumns);
        rows = Map.copyOf(rows);
    }

    /** The same expectation without the result-only columns, to compare with the destination table. */
    public ExpectedTable destinationView() {
        List<String> kept = columns.stream().filter(c -> !resultOnlyColumns.contains(c)).toList();
        Map<List<Object>, Map<String, Object>> trimmed = new HashMap<>();
        rows.forEach((key, row) -> {
            Map<String, Object> copy = new HashMap<>(row);
            copy.keySet().retainAll(kept);
            trimmed.put(key, copy);
        });
        return new ExpectedTable(table, keyColumns, kept, Set.of(), trimmed, scope);
    }

    /** Compares with actual rows (column name → value); rows outside the window are ignored. */
    public TableDiff diff(Collection<Map<String, Object>> actualRows) {
        List<String> problems = new ArrayList<>();
        Map<List<Object>, Map<String, Object>> actual = new LinkedHashMap<>();
        for (Map<String, Object> row : actualRows) {
            if (!scope.test(row)) {
                continue;
            }
            List<Object> key = RowValues.key(keyColumns.stream().map(row::get).toList());
            if (actual.put(key, row) != null) {
                problems.add("duplicate key " + key);
            }
        }
        List<List<Object>> expectedKeys = sortedKeys(rows.keySet());
        for (List<Object> key : expectedKeys) {
            Map<String, Object> got = actual.get(key);
            if (got == null) {
                problems.add("missing row " + key);
                continue;
            }
            Map<String, Object> want = rows.get(key);
            for (String column : columns) {
                if (!got.containsKey(column)) {
                    problems.add("row " + key + ": column " + column + " absent from the actual rows");
                } else if (!RowValues.same(want.get(column), got.get(column))) {
                    problems.add("row " + key + " column " + column + ": expected " + RowValues.show(want.get(column))
                            + " but was " + RowValues.show(got.get(column)));
                }
            }
        }
        for (List<Object> key : sortedKeys(actual.keySet())) {
            if (!rows.containsKey(key)) {
                problems.add("unexpected row " + key);
            }
        }
        return new TableDiff(table, rows.size(), actual.size(), problems);
    }

    /** Reads the destination table (this expectation's columns) and compares it, scoped to the window. */
    public TableDiff diffAgainst(DataSource destination) {
        String select = "SELECT " + columns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "))
                + " FROM " + table;
        try (Connection c = destination.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(select)) {
            return diff(readRows(rs));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + ": " + e.getMessage(), e);
        }
    }

    /** Every row of a result set as column → value, dates as LocalDate and timestamptz as OffsetDateTime. */
    public static List<Map<String, Object>> readRows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> result = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = switch (meta.getColumnTypeName(i)) {
                    case "date" -> rs.getObject(i, LocalDate.class);
                    case "timestamptz" -> rs.getObject(i, OffsetDateTime.class);
                    case "timestamp" -> rs.getObject(i, LocalDateTime.class);
                    default -> rs.getObject(i);
                };
                row.put(meta.getColumnLabel(i), value);
            }
            result.add(row);
        }
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<List<Object>> sortedKeys(Collection<List<Object>> keys) {
        List<List<Object>> sorted = new ArrayList<>(keys);
        sorted.sort((a, b) -> {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                if (x == null || y == null) {
                    if (x != y) {
                        return x == null ? -1 : 1;
                    }
                    continue;
                }
                int c = x.getClass() == y.getClass() && x instanceof Comparable cx
                        ? cx.compareTo(y) : x.toString().compareTo(y.toString());
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        });
        return sorted;
    }
}
