package io.pulso.app.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.db.Database;
import io.pulso.core.db.Migrations;
import java.util.Map;

/**
 * The destination database as a process uses it: a pool, the migrations applied, and the catalog verified
 * against the tables (a mismatch stops the process before it serves anything).
 */
public record DestinationDatabase(HikariDataSource dataSource, Map<String, TableSchema> schemas) implements AutoCloseable {

    public static DestinationDatabase open(DatabaseConfig config, TableCatalog catalog, int maxConnections, String poolName) {
        HikariDataSource pool = Database.pool(config, poolName, maxConnections);
        try {
            new Migrations(pool).migrate();
            return new DestinationDatabase(pool, new CatalogSchemaVerifier(pool).verify(catalog));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
