package io.pulso.worker.load;

import io.pulso.core.catalog.TableColumn;
import io.pulso.core.catalog.TableSchema;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL of one table's page load and vanished-row deletion, built once from its schema. */
final class UpsertStatements {

    final String stageTable;
    final String createStage;
    final String copyIntoStage;
    final String upsert;
    final String recordKeys;
    final String deleteVanished;

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
        copyIntoStage = "COPY " + stageTable + " (_ord, " + list(data, "") + ") FROM STDIN";

        // Duplicate keys within a page: the last occurrence wins (src is in key order, which is also the order the
        // primary key index is filled in). Unchanged rows are dropped before the INSERT (changed): ON CONFLICT DO UPDATE
        // locks every conflicting row, and so writes WAL for it, before its WHERE can say the row is unchanged. The
        // current row is looked up per staged row through the primary key (LATERAL … OFFSET 0 keeps it a parameterised
        // index probe: a hash join would read the whole table for every page). The DO UPDATE's WHERE stays as the
        // guarantee. xmax = 0 tells an insert from an update.
        String setClause = values.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
        String keyMatch = keys.stream().map(k -> "t." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
        String current = "LEFT JOIN LATERAL (SELECT true AS present" + (values.isEmpty() ? "" : ", " + list(values, "t."))
                + " FROM " + table + " t WHERE " + keyMatch + " OFFSET 0) cur ON true";
        String differs = "cur.present IS NULL" + (values.isEmpty() ? ""
                : " OR (" + list(values, "cur.") + ") IS DISTINCT FROM (" + list(values, "s.") + ")");
        upsert = "WITH src AS (SELECT DISTINCT ON (" + list(keys, "") + ") " + list(data, "") + " FROM " + stageTable
                + " ORDER BY " + list(keys, "") + ", _ord DESC), "
                + "changed AS (SELECT " + list(data, "s.") + " FROM src s " + current + " WHERE " + differs + "), "
                + "up AS (INSERT INTO " + table + " AS t (" + list(data, "") + ") SELECT " + list(data, "") + " FROM changed "
                + "ON CONFLICT (" + list(keys, "") + ") DO "
                + (values.isEmpty() ? "NOTHING" : "UPDATE SET " + setClause + ", updated_at = now() WHERE ("
                        + list(values, "t.") + ") IS DISTINCT FROM (" + list(values, "EXCLUDED.") + ")")
                + " RETURNING (xmax = 0) AS inserted) "
                + "SELECT (SELECT count(*) FROM " + stageTable + "), (SELECT count(*) FROM src), "
                + "count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up";

        String stageKey = "ROW(" + list(keys, "s.") + ")::text";
        recordKeys = "INSERT INTO etl_run_keys (run_id, key_text) SELECT DISTINCT ?, " + stageKey + " FROM " + stageTable
                + " s ON CONFLICT DO NOTHING";

        deleteVanished = schema.definition().windowColumn().map(w -> "DELETE FROM " + table + " t WHERE "
                + "(CAST(? AS date) IS NULL OR t." + quote(w) + " >= CAST(? AS date)) AND "
                + "(CAST(? AS date) IS NULL OR t." + quote(w) + " <= CAST(? AS date)) AND NOT EXISTS ("
                + "SELECT 1 FROM etl_run_keys k WHERE k.run_id = ? AND k.key_text = ROW(" + list(keys, "t.") + ")::text)")
                .orElse(null);
    }

    private static String list(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + quote(c)).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
