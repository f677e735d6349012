package io.pulso.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database under test, as the child process is told it (URL, user, password on the command line). */
record BenchDatabase(String jdbcUrl, String user, String password) {

    DatabaseConfig config() {
        return new DatabaseConfig(jdbcUrl, user, password);
    }

    HikariDataSource pool(String name, int size) {
        return Database.pool(config(), name, size);
    }

    TableSchema dashboardSchema(HikariDataSource pool) {
        TableCatalog catalog = TableCatalog.pulso();
        return new CatalogSchemaVerifier(pool).verify(catalog).get("dashboard_data");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Empties the target and the load path's bookkeeping, so every method starts from the same state. */
    void reset() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE dashboard_data, etl_run_page_keys, etl_page_ledger");
            s.execute("VACUUM ANALYZE dashboard_data");
        }
    }

    /** Flushes dirty pages before a timed case, so no case pays for the previous one's checkpoint. */
    void checkpoint() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            // not a superuser on a DATABASE_URL: the case then shares checkpoints with its neighbours
        }
    }

    long walPosition() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
