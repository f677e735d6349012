package io.pulso.worker.load;

import io.pulso.core.catalog.TableColumn;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.catalog.WindowUnit;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL of one table's page load and vanished-row deletion, built once from its schema. */
final class UpsertStatements {

    final String stageTable;
    final String createStage;
    final String copyIntoStage;
    final String recordKeys;
    final String deleteVanished;
    /** The destination's rows inside a window (parameters: from, from, to, to). */
    final String countWindow;
    /** Indexed by {@link #upsert(boolean, boolean)}. */
    private final String[] upserts = new String[4];

    UpsertStatements(TableSchema schema) {
        String table = quote(schema.name());
        List<String> keys = schema.definition().keyColumns();
        List<String> data = schema.dataColumnNames();
        List<String> values = schema.valueColumns().stream().map(TableColumn::name).toList();
        stageTable = quote("pulso_stage_" + schema.name());

        // One staging table per connection and table, emptied at every commit: no catalog churn per page.
        createStage = "CREATE TEMP TABLE IF NOT EXISTS " + stageTable + " (_ord integer NOT NULL, "
                + schema.dataColumns().stream().map(c -> quote(c.name()) + " " + c.sqlType()).collect(Collectors.joining(", "))
                + ") ON COMMIT DELETE ROWS";
        copyIntoStage = "COPY " + stageTable + " (_ord, " + list(data, "") + ") FROM STDIN (FORMAT binary)";

        for (boolean dedupe : new boolean[] {false, true}) {
            for (boolean skipUnchanged : new boolean[] {false, true}) {
                upserts[index(dedupe, skipUnchanged)] = upsert(table, stageTable, keys, data, values, dedupe, skipUnchanged);
            }
        }

        // The page's keys as one array row: the server's own text of the key, so the finish step's comparison with
        // the table's rows cannot disagree with it. An empty page records nothing.
        String stageKey = "ROW(" + list(keys, "s.") + ")::text";
        recordKeys = "INSERT INTO etl_run_page_keys (run_id, page_index, keys) SELECT ?, ?, array_agg(" + stageKey + ") FROM "
                + stageTable + " s HAVING count(*) > 0";

        // NOT EXISTS over the unnested arrays plans as one hash anti-join: the run's keys are read once.
        String inWindow = schema.definition().windowColumn()
                .map(w -> windowPredicate("t." + quote(w), schema.definition().windowUnit())).orElse(null);
        deleteVanished = inWindow == null ? null : "DELETE FROM " + table + " t WHERE " + inWindow + " AND NOT EXISTS ("
                + "SELECT 1 FROM etl_run_page_keys p CROSS JOIN LATERAL unnest(p.keys) AS k(key_text) "
                + "WHERE p.run_id = ? AND k.key_text = ROW(" + list(keys, "t.") + ")::text)";
        countWindow = inWindow == null ? null : "SELECT count(*) FROM " + table + " t WHERE " + inWindow;
    }

    /**
     * A window [from, to] (date parameters, NULL = open) on a destination column: a date, or a YYYY-MM month, which the
     * window covers whole from its first day's month to its last day's month (text compares like the months).
     */
    private static String windowPredicate(String column, WindowUnit unit) {
        String from = unit == WindowUnit.MONTH ? "to_char(CAST(? AS date), 'YYYY-MM')" : "CAST(? AS date)";
        String to = unit == WindowUnit.MONTH ? "to_char(CAST(? AS date), 'YYYY-MM')" : "CAST(? AS date)";
        return "(CAST(? AS date) IS NULL OR " + column + " >= " + from + ") AND "
                + "(CAST(? AS date) IS NULL OR " + column + " <= " + to + ")";
    }

    /**
     * The page upsert; one row: distinct keys, inserted, updated.
     *
     * @param dedupe        duplicate keys within the page are possible: the last occurrence wins (by _ord)
     * @param skipUnchanged drop unchanged rows before the INSERT, worth it when many rows are unchanged (see below)
     */
    String upsert(boolean dedupe, boolean skipUnchanged) {
        return upserts[index(dedupe, skipUnchanged)];
    }

    private static int index(boolean dedupe, boolean skipUnchanged) {
        return (dedupe ? 2 : 0) + (skipUnchanged ? 1 : 0);
    }

    // Unchanged rows can be dropped before the INSERT: ON CONFLICT DO UPDATE locks every conflicting row, and so
    // writes WAL and dirties its page, before its WHERE can say the row is unchanged. The current row is looked up
    // per staged row through the primary key (LATERAL … OFFSET 0 keeps it a parameterised index probe: a hash join
    // would read the whole table for every page). That probe costs about as much as the lock it saves, so it pays
    // only on pages of mostly unchanged rows (a lookback re-read), not on inserts or updates. Either way the DO
    // UPDATE's WHERE is the guarantee that an unchanged row is not rewritten, and xmax = 0 tells an insert from an
    // update.
    private static String upsert(String table, String stage, List<String> keys, List<String> data, List<String> values,
                                 boolean dedupe, boolean skipUnchanged) {
        String src = dedupe
                ? "src AS (SELECT DISTINCT ON (" + list(keys, "") + ") " + list(data, "") + " FROM " + stage
                        + " ORDER BY " + list(keys, "") + ", _ord DESC), "
                : "src AS (SELECT " + list(data, "") + " FROM " + stage + "), ";
        String rows = "src";
        String changed = "";
        if (skipUnchanged) {
            String keyMatch = keys.stream().map(k -> "t." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
            String current = "LEFT JOIN LATERAL (SELECT true AS present" + (values.isEmpty() ? "" : ", " + list(values, "t."))
                    + " FROM " + table + " t WHERE " + keyMatch + " OFFSET 0) cur ON true";
            String differs = "cur.present IS NULL" + (values.isEmpty() ? ""
                    : " OR (" + list(values, "cur.") + ") IS DISTINCT FROM (" + list(values, "s.") + ")");
            changed = "changed AS (SELECT " + list(data, "s.") + " FROM src s " + current + " WHERE " + differs + "), ";
            rows = "changed";
        }
        String setClause = values.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
        return "WITH " + src + changed
                + "up AS (INSERT INTO " + table + " AS t (" + list(data, "") + ") SELECT " + list(data, "") + " FROM " + rows
                + " ON CONFLICT (" + list(keys, "") + ") DO "
                + (values.isEmpty() ? "NOTHING" : "UPDATE SET " + setClause + ", updated_at = now() WHERE ("
                        + list(values, "t.") + ") IS DISTINCT FROM (" + list(values, "EXCLUDED.") + ")")
                + " RETURNING (xmax = 0) AS inserted) "
                + "SELECT (SELECT count(*) FROM src), "
                + "count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up";
    }

    private static String list(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + quote(c)).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
