package io.pulso.core.runlog;

import io.pulso.core.refresh.RowCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** One committed page: its rows by outcome and when its transaction committed. */
    public record Page(int pageIndex, long rows, long inserted, long updated, long unchanged, long duplicates,
                       Instant committedAt) {
    }

    /**
     * The run's committed pages in page order, at most {@code limit} of them from {@code fromPage} on: how a run loaded
     * over time, also after it ended (the ledger outlives the workflow's history on the embedded server).
     */
    public static List<Page> pages(Connection c, String runId, int fromPage, int limit) throws SQLException {
        List<Page> pages = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT page_index, rows_in_page, rows_inserted, rows_updated, "
                + "rows_unchanged, rows_duplicate, committed_at FROM etl_page_ledger WHERE run_id = ? AND page_index >= ? "
                + "ORDER BY page_index LIMIT ?")) {
            ps.setString(1, runId);
            ps.setInt(2, fromPage);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp committed = rs.getTimestamp(7);
                    pages.add(new Page(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), committed.toInstant()));
                }
            }
        }
        return pages;
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
