package io.pulso.core.runlog;

import io.pulso.core.refresh.RowCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What {@code etl_page_ledger} holds for a run. The ledger is the record of what a run wrote: every committed page has
 * its row there, written in the page's own transaction, so a run closed without its workflow's tally (a failure, a
 * cancel, a crash that left it to the stale-run sweep) still gets exact counts from here.
 */
public final class PageLedger {

    private static final String TOTALS = "SELECT count(*), coalesce(sum(rows_in_page), 0), coalesce(sum(rows_inserted), 0), "
            + "coalesce(sum(rows_updated), 0), coalesce(sum(rows_unchanged), 0), coalesce(sum(rows_duplicate), 0) "
            + "FROM etl_page_ledger WHERE run_id = ?";

    private PageLedger() {
    }

    /** A run's committed pages and their counts summed ({@code deleted} is 0: deletions are not page work). */
    public record Totals(int pages, RowCounts counts) {
    }

    /** The run's committed pages, read inside the caller's transaction. */
    public static Totals committed(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TOTALS)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getInt(1),
                        new RowCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), 0, rs.getLong(6)));
            }
        }
    }
}
