package io.pulso.app.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.db.Database;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.core.db.Migrations;
import java.util.Map;

/**
 * The destination database as a process uses it: a pool, the migrations applied, and the catalog verified
 * against the tables (a mismatch stops the process before it serves anything).
 */
public record DestinationDatabase(HikariDataSource dataSource, Map<String, TableSchema> schemas) implements AutoCloseable {

    /** The same with the worker's limits (see {@link DatabaseTimeouts#WORKER}). */
    public static DestinationDatabase open(DatabaseConfig config, TableCatalog catalog, int maxConnections, String poolName) {
        return open(config, catalog, maxConnections, poolName, DatabaseTimeouts.WORKER);
    }

    /**
     * Migrates and verifies through a short-lived pool without statement or socket limits (a migration on a big table
     * may run long), then opens the pool the process serves from, bounded by {@code timeouts}.
     */
    public static DestinationDatabase open(DatabaseConfig config, TableCatalog catalog, int maxConnections, String poolName,
                                           DatabaseTimeouts timeouts) {
        Map<String, TableSchema> schemas;
        try (HikariDataSource migrations = Database.pool(config, poolName + "-migrations", 2, DatabaseTimeouts.MIGRATIONS)) {
            new Migrations(migrations).migrate();
            schemas = new CatalogSchemaVerifier(migrations).verify(catalog);
        }
        return new DestinationDatabase(Database.pool(config, poolName, maxConnections, timeouts), schemas);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
