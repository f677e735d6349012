package io.pulso.bench;

import java.util.List;
import java.util.stream.Collectors;

/** The SQL text the baselines share. */
final class Sql {

    private Sql() {
    }

    static String columns() {
        return String.join(", ", DashboardRows.COLUMNS);
    }

    /** {@code ON CONFLICT … DO UPDATE} of every value column, as a plain upsert does (no change check). */
    static String onConflictUpdate() {
        List<String> values = DashboardRows.COLUMNS.subList(DashboardRows.KEY_COLUMNS.size(), DashboardRows.COLUMNS.size());
        return " ON CONFLICT (" + String.join(", ", DashboardRows.KEY_COLUMNS) + ") DO UPDATE SET "
                + values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")) + ", updated_at = now()";
    }
}
