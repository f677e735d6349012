package io.pulso.api.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many rows a destination table holds, cheaply enough to be asked on every console poll: PostgreSQL's own
 * estimate (the table and, for a TimescaleDB hypertable, its chunks) when it says a million rows or more; an exact
 * {@code count(*)}, bounded to two seconds, below that or when the table was never analysed.
 */
final class TableRowCounter {

    static final long EXACT_BELOW = 1_000_000;
    private static final String ESTIMATE = "SELECT COALESCE(SUM(GREATEST(c.reltuples, 0)), 0)::bigint, "
            + "COALESCE(bool_or(c.reltuples < 0), true) FROM pg_class c WHERE c.oid = to_regclass(?) "
            + "OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(?))";
    private static final Logger log = LoggerFactory.getLogger(TableRowCounter.class);

    /** {@code exact} false: PostgreSQL's estimate. Null when the table cannot be read at all. */
    record RowCount(long rows, boolean exact) {
    }

    private final DataSource dataSource;

    TableRowCounter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code table} is a catalog name (checked against the catalog before it gets here), quoted all the same. */
    RowCount count(String table) {
        String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
        try (Connection c = dataSource.getConnection()) {
            long estimate;
            boolean neverAnalysed;
            try (PreparedStatement ps = c.prepareStatement(ESTIMATE)) {
                ps.setString(1, quoted);
                ps.setString(2, quoted);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    estimate = rs.getLong(1);
                    neverAnalysed = rs.getBoolean(2);
                }
            }
            if (!neverAnalysed && estimate >= EXACT_BELOW) {
                return new RowCount(estimate, false);
            }
            return exact(c, quoted, estimate);
        } catch (SQLException e) {
            log.debug("no row count for table {}: {}", table, e.getMessage());
            return null;
        }
    }

    private static RowCount exact(Connection c, String quoted, long estimate) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement sql = c.createStatement()) {
            sql.execute("SET LOCAL statement_timeout = '2s'");
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + quoted)) {
                rs.next();
                return new RowCount(rs.getLong(1), true);
            }
        } catch (SQLException e) {
            // 57014: the count took longer than allowed; the estimate is the best answer then.
            if ("57014".equals(e.getSQLState())) {
                return new RowCount(estimate, false);
            }
            throw e;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }
}
