package io.pulso.worker.warehouse.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the demo warehouse ready on a PostgreSQL server: creates its database when missing, applies the source
 * schema and fills it with generated data when the source tables are empty. Existing data is never touched, so
 * the demo keeps its history across restarts.
 */
public final class DemoWarehouseSetup {

    public static final String DEFAULT_DATABASE = "pulso_warehouse";

    private static final Logger log = LoggerFactory.getLogger(DemoWarehouseSetup.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    private DemoWarehouseSetup() {
    }

    /**
     * @param admin        a database on the server that exists already (e.g. {@code postgres}), used to create the
     *                     warehouse database; the warehouse is reached with the same host, port and credentials
     * @param databaseName the warehouse database, e.g. {@link #DEFAULT_DATABASE}
     * @param seed         generator seed, used only when the data has to be generated
     * @param scale        how much data to generate
     * @param endDate      the last generated day (typically today in Lima)
     * @return a pool on the warehouse database; the caller closes it
     */
    public static HikariDataSource ensure(DatabaseConfig admin, String databaseName, long seed, DemoScale scale,
                                          LocalDate endDate) {
        Objects.requireNonNull(admin, "admin");
        DatabaseConfig config = warehouseConfig(admin, databaseName);
        createDatabaseIfMissing(admin, databaseName);
        HikariDataSource pool = Database.pool(config, "demo-warehouse", 4);
        try {
            // Applies the schema, then generates only if the source tables are empty.
            DemoDataGenerator.generateIfEmpty(pool, seed, scale, endDate).ifPresentOrElse(
                    summary -> log.info("demo warehouse {} filled with {} days of data up to {}",
                            config.safeDescription(), scale.days(), endDate),
                    () -> log.info("demo warehouse {} already holds data; keeping it", config.safeDescription()));
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The connection settings of the warehouse database: the admin URL with the database name swapped. */
    public static DatabaseConfig warehouseConfig(DatabaseConfig admin, String databaseName) {
        requireValidName(databaseName);
        String url = admin.jdbcUrl();
        int pathStart = url.indexOf('/', JDBC_PREFIX.length());
        String hostPart = pathStart < 0 ? url : url.substring(0, pathStart);
        String rest = pathStart < 0 ? "" : url.substring(pathStart + 1);
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query);
        return new DatabaseConfig(hostPart + "/" + databaseName + params, admin.user(), admin.password());
    }

    private static void createDatabaseIfMissing(DatabaseConfig admin, String databaseName) {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            if (exists(c, databaseName)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + databaseName);
                log.info("created demo warehouse database {}", databaseName);
            } catch (SQLException e) {
                // Another process may have created it between the check and the CREATE.
                if (!exists(c, databaseName)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo warehouse database " + databaseName + " via "
                    + admin.safeDescription() + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String databaseName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, databaseName);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireValidName(String databaseName) {
        if (databaseName == null || !DATABASE_NAME.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("demo warehouse database name must be a lower-case SQL identifier "
                    + "(letters, digits, _; at most 63), got " + databaseName);
        }
    }
}
