package io.pulso.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;

/** Connection pools for the destination database. */
public final class Database {

    private Database() {
    }

    /** A pool for {@code config} with the migrations' limits (none on statements); see {@link DatabaseTimeouts}. */
    public static HikariDataSource pool(DatabaseConfig config, String poolName, int maxConnections) {
        return pool(config, poolName, maxConnections, DatabaseTimeouts.MIGRATIONS);
    }

    /**
     * A pool for {@code config} whose every wait is bounded by {@code timeouts}; the first connection is opened now, so
     * an unreachable database fails at start. The server-side limits are SET on each new connection (not put in the
     * URL, so a DATABASE_URL {@code options} parameter cannot silently drop them); the driver's are connection
     * properties, which never show in the URL or in messages.
     */
    public static HikariDataSource pool(DatabaseConfig config, String poolName, int maxConnections, DatabaseTimeouts timeouts) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(maxConnections);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(timeouts.acquireTimeout().toMillis());
        hikari.setValidationTimeout(timeouts.validationTimeout().toMillis());
        hikari.setInitializationFailTimeout(10_000);
        hikari.setConnectionInitSql(timeouts.sessionSql());
        long connectSeconds = timeouts.connectTimeout().toSeconds();
        long socketSeconds = timeouts.socketTimeout().toSeconds();
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(socketSeconds));
        // Connect plus the startup exchange (which the socket timeout bounds); without it the driver falls back to
        // DriverManager's login timeout, which HikariCP sets for the whole process from whichever pool started last.
        hikari.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds + (socketSeconds == 0 ? 0 : socketSeconds)));
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot connect to the database at " + config.safeDescription()
                    + ": " + rootMessage(e), e);
        }
    }

    /** Rolls back quietly, keeping the original failure as the one that matters. */
    public static void rollbackQuietly(Connection connection, Throwable original) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            original.addSuppressed(rollbackFailure);
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
