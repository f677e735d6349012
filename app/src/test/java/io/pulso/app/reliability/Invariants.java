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
import javax.sql.DataSource;

/**
 * The checks every reliability case ends with: the destination equals the source (recomputed independently by
 * {@link DemoSourceAggregates}), the watermark is the source's maximum, and the execution log and page ledger agree.
 */
final class Invariants {

    /** One execution-log row as the checks need it. */
    record LogRow(String runId, String status, long extracted, long inserted, long updated, long unchanged, int pages,
                  String watermarkAfter, String error) {
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
        DemoSourceAggregates source = DemoSourceAggregates.load(warehouse);
        for (String table : tables) {
            source.expected(table, ExtractionWindow.unbounded()).destinationView().diffAgainst(destination).assertMatches();
        }
    }

    /** The watermark is the maximum incremental value of the table's source rows. */
    static void assertWatermarkIsSourceMaximum(DataSource warehouse, DataSource destination, String table) {
        String column = TableCatalog.pulso().require(table).incrementalColumn();
        String expected = DemoSourceAggregates.load(warehouse).expected(table, ExtractionWindow.unbounded()).rows().values()
                .stream().map(row -> row.get(column)).filter(Objects::nonNull).map(Object::toString).max(String::compareTo)
                .orElseThrow();
        String actual = text(destination, "SELECT watermark::text FROM etl_watermarks WHERE table_name = ?", table);
        assertThat(actual).as("watermark of " + table).isEqualTo(expected);
    }

    static List<LogRow> logRows(DataSource destination, String table) {
        String sql = "SELECT run_id, status, rows_extracted, rows_inserted, rows_updated, rows_unchanged, pages, "
                + "watermark_after::text, error_message FROM etl_execution_log WHERE table_name = ? ORDER BY started_at";
        try (Connection c = destination.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, table);
            List<LogRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LogRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getInt(7), rs.getString(8), rs.getString(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished run's counts add up, and its ledger holds exactly one row per page it logged. */
    static void assertCountsAndLedgerAgree(DataSource destination, LogRow run) {
        assertThat(run.inserted() + run.updated() + run.unchanged()).as("counts of run " + run.runId())
                .isLessThanOrEqualTo(run.extracted());
        long ledgerPages = count(destination, "SELECT count(*) FROM etl_page_ledger WHERE run_id = '" + run.runId() + "'");
        long ledgerRows = count(destination, "SELECT coalesce(sum(rows_in_page), 0) FROM etl_page_ledger WHERE run_id = '"
                + run.runId() + "'");
        assertThat(ledgerPages).as("ledger pages of run " + run.runId()).isEqualTo(run.pages());
        assertThat(ledgerRows).as("ledger rows of run " + run.runId()).isEqualTo(run.extracted());
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
