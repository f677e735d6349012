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

    /** A pool for {@code config}; the first connection is opened now, so an unreachable database fails at start. */
    public static HikariDataSource pool(DatabaseConfig config, String poolName, int maxConnections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(maxConnections);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(10_000);
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
