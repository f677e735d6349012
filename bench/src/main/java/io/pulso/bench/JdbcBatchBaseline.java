package io.pulso.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;

/**
 * Baseline B, the usual way: a prepared {@code INSERT … ON CONFLICT DO UPDATE} in JDBC batches of 1,000 with
 * {@code reWriteBatchedInserts=true}, committing every 10,000 rows (the load path's page size, so both pay the
 * same number of commits).
 */
final class JdbcBatchBaseline implements LoadMethod {

    static final int BATCH = 1_000;
    static final int ROWS_PER_COMMIT = 10_000;
    private final Connection connection;
    private final long rows;

    JdbcBatchBaseline(BenchDatabase db, long rows) throws Exception {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        this.connection = DriverManager.getConnection(url, db.user(), db.password());
        this.connection.setAutoCommit(false);
        this.rows = rows;
    }

    @Override
    public String load(int variant) throws Exception {
        String sql = "INSERT INTO dashboard_data (" + Sql.columns() + ") VALUES ("
                + String.join(", ", Collections.nCopies(DashboardRows.COLUMNS.size(), "?")) + ")" + Sql.onConflictUpdate();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (long i = 0; i < rows; i++) {
                Object[] row = DashboardRows.row(i, variant);
                ps.setObject(1, (LocalDate) row[0]);
                ps.setString(2, (String) row[1]);
                ps.setString(3, (String) row[2]);
                ps.setString(4, (String) row[3]);
                int k = 4;
                for (int c = 0; c < DashboardRows.INT_COLUMNS.size(); c++, k++) {
                    ps.setInt(k + 1, (Integer) row[k]);
                }
                for (int c = 0; c < DashboardRows.DOUBLE_COLUMNS.size(); c++, k++) {
                    ps.setDouble(k + 1, (Double) row[k]);
                }
                ps.setTimestamp(k + 1, Timestamp.from((Instant) row[k]));
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == rows) {
                    ps.executeBatch();
                }
                if ((i + 1) % ROWS_PER_COMMIT == 0) {
                    connection.commit();
                }
            }
        }
        connection.commit();
        return "batched " + rows + " rows";
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
