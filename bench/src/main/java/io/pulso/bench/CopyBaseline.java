package io.pulso.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Baseline A, the practical limit: COPY … FROM STDIN (CSV, through the driver's CopyManager, streamed in 64 KB
 * chunks) into an UNLOGGED staging table, then one {@code INSERT … SELECT … ON CONFLICT DO UPDATE}. No duplicate
 * handling, no change check, no bookkeeping: the least work that ends with the rows in the table.
 */
final class CopyBaseline implements LoadMethod {

    private final Connection connection;
    private final long rows;

    CopyBaseline(BenchDatabase db, long rows) throws Exception {
        this.connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        this.rows = rows;
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_stage");
            s.execute("CREATE UNLOGGED TABLE bench_stage (LIKE dashboard_data INCLUDING DEFAULTS)");
        }
    }

    @Override
    public String load(int variant) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE bench_stage");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY bench_stage (" + Sql.columns() + ") FROM STDIN (FORMAT csv)");
        StringBuilder chunk = new StringBuilder(70_000);
        for (long i = 0; i < rows; i++) {
            DashboardRows.appendCsv(chunk, DashboardRows.row(i, variant));
            if (chunk.length() > 64_000) {
                byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                chunk.setLength(0);
            }
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        long copied = copy.endCopy();
        int upserted;
        try (Statement s = connection.createStatement()) {
            upserted = s.executeUpdate("INSERT INTO dashboard_data (" + Sql.columns() + ") SELECT " + Sql.columns()
                    + " FROM bench_stage" + Sql.onConflictUpdate());
        }
        return "copied " + copied + ", upserted " + upserted;
    }

    @Override
    public void close() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_stage");
        }
        connection.close();
    }
}
