package io.pulso.worker.refresh;

import io.pulso.core.catalog.DeletionGuard;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.GuardOverrides;
import java.util.Locale;

/**
 * Whether a run may delete the rows that vanished from the source inside its window, judged against what the
 * destination holds in that same window: at most the table's {@link DeletionGuard} share (or its floor), unless the
 * request allows more; never anything when the result has fewer rows than the table's minimum, unless allowed.
 *
 * @param permitted whether the deletion goes ahead
 * @param vanished  rows of the window that the result no longer has
 * @param windowRows the destination's rows in the window before the deletion
 * @param allowed   the most rows the guard (or the override) lets go
 * @param reason    why it was refused (null when permitted)
 */
public record DeletionVerdict(boolean permitted, long vanished, long windowRows, long allowed, String reason) {

    public static DeletionVerdict judge(TableDefinition table, GuardOverrides overrides, long resultRows, long windowRows,
                                        long vanished) {
        DeletionGuard guard = overrides.maxDeletionShare() == null ? table.deletionGuard()
                : new DeletionGuard(overrides.maxDeletionShare(), table.deletionGuard().floorRows());
        long allowed = guard.allowedRows(windowRows);
        if (vanished == 0) {
            return new DeletionVerdict(true, 0, windowRows, allowed, null);
        }
        if (resultRows < table.minExpectedRows() && overrides.maxDeletionShare() == null) {
            return new DeletionVerdict(false, vanished, windowRows, allowed, "that is fewer result rows than the table's "
                    + "minimum of " + table.minExpectedRows());
        }
        if (vanished > allowed) {
            return new DeletionVerdict(false, vanished, windowRows, allowed, "that is more than "
                    + (overrides.maxDeletionShare() == null ? "the table's deletion guard" : "the request's allowDeletion")
                    + " allows (" + allowed + " rows: " + percent(guard.maxShare()) + " of the window, or "
                    + guard.floorRows() + " rows)");
        }
        return new DeletionVerdict(true, vanished, windowRows, allowed, null);
    }

    /** The held run's message: what would have gone, why it did not, and how to proceed. */
    public String heldMessage(String table, String runId, String window, long resultRows) {
        return "held: " + table + " would lose " + vanished + " of the " + windowRows + " rows ("
                + percent(windowRows == 0 ? 1 : (double) vanished / windowRows) + ") in its window " + window
                + " that the source no longer returns; the source returned " + resultRows + (resultRows == 1 ? " row" : " rows")
                + ": " + reason + ". Nothing was deleted and the watermark "
                + "did not move; the result's rows were loaded. If the source is right, retry this run with "
                + "{\"allowDeletion\": \"all\"} (POST /api/v1/etl/runs/" + runId + "/retry) or refresh the table with it; "
                + "otherwise fix the source and refresh again";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
