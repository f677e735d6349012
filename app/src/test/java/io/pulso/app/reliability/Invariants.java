package io.pulso.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.demo.DemoSourceAggregates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/**
 * The checks every reliability case ends with: the destination equals the source (recomputed independently by
 * {@link DemoSourceAggregates}), the watermark is the source's maximum, and the execution log and page ledger agree.
 */
final class Invariants {

    /** One execution-log row as the checks need it. */
    record LogRow(String runId, String status, long extracted, long inserted, long updated, long unchanged, int pages,
                  String watermarkAfter, String error, long deleted, int attempts, String windowFrom, String windowTo,
                  String watermarkBefore) {
    }

    private Invariants() {
    }

    static long count(DataSource data, String sql) {
        try (Connection c = data.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Every table's whole content equals what the source defines (all runs so far were unbounded or incremental). */
    static void assertDestinationMatchesSource(DataSource warehouse, DataSource destination, List<String> tables) {
        assertDestinationMatchesSource(DemoSourceAggregates.load(warehouse), destination, tables);
    }

    static void assertDestinationMatchesSource(DemoSourceAggregates source, DataSource destination, List<String> tables) {
        for (String table : tables) {
            source.expected(table, ExtractionWindow.unbounded()).destinationView().diffAgainst(destination).assertMatches();
        }
    }

    /** The watermark is the maximum incremental value of the table's source rows. */
    static void assertWatermarkIsSourceMaximum(DataSource warehouse, DataSource destination, String table) {
        assertWatermarkIsSourceMaximum(DemoSourceAggregates.load(warehouse), destination, table);
    }

    static void assertWatermarkIsSourceMaximum(DemoSourceAggregates source, DataSource destination, String table) {
        String column = TableCatalog.pulso().require(table).incrementalColumn();
        String expected = source.expected(table, ExtractionWindow.unbounded()).rows().values()
                .stream().map(row -> row.get(column)).filter(Objects::nonNull).map(Object::toString).max(String::compareTo)
                .orElseThrow();
        assertThat(watermark(destination, table)).as("watermark of " + table).isEqualTo(expected);
    }

    static String watermark(DataSource destination, String table) {
        return text(destination, "SELECT watermark::text FROM etl_watermarks WHERE table_name = ?", table);
    }

    static List<LogRow> logRows(DataSource destination, String table) {
        String sql = "SELECT run_id, status, rows_extracted, rows_inserted, rows_updated, rows_unchanged, pages, "
                + "watermark_after::text, error_message, rows_deleted, attempts, window_from::text, window_to::text, "
                + "watermark_before::text FROM etl_execution_log WHERE table_name = ? ORDER BY started_at";
        try (Connection c = destination.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, table);
            List<LogRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LogRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getInt(11),
                            rs.getString(12), rs.getString(13), rs.getString(14)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A finished run's counts add up, and its ledger holds exactly one row per page it logged: pages 0..n-1, each page's
     * rows all counted once (inserted + updated + unchanged + duplicate = rows in the page), and the log's counts are
     * the ledger's sums. A page loaded twice (or counted again by a retry) breaks one of these.
     */
    static void assertCountsAndLedgerAgree(DataSource destination, LogRow run) {
        String sql = "SELECT page_index, rows_in_page, rows_inserted, rows_updated, rows_unchanged, rows_duplicate "
                + "FROM etl_page_ledger WHERE run_id = ? ORDER BY page_index";
        List<long[]> pages = new ArrayList<>();
        try (Connection c = destination.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, run.runId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pages.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        String of = " of run " + run.runId();
        assertThat(pages).as("ledger pages" + of).extracting(p -> p[0])
                .containsExactlyElementsOf(LongStream.range(0, run.pages()).boxed().toList());
        assertThat(pages).as("every page's rows counted once" + of).allSatisfy(p ->
                assertThat(p[2] + p[3] + p[4] + p[5]).as("page " + p[0]).isEqualTo(p[1]));
        assertThat(pages.stream().mapToLong(p -> p[1]).sum()).as("ledger rows" + of).isEqualTo(run.extracted());
        assertThat(new long[] {sum(pages, 2), sum(pages, 3), sum(pages, 4)}).as("log counts = ledger sums" + of)
                .containsExactly(run.inserted(), run.updated(), run.unchanged());
    }

    private static long sum(List<long[]> pages, int column) {
        return pages.stream().mapToLong(p -> p[column]).sum();
    }

    private static String text(DataSource data, String sql, String parameter) {
        try (Connection c = data.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
