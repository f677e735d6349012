package io.pulso.app.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.bigquery.BigQueryConfig;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.bigquery.ReadApiConfig;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.demo.DemoWarehouse;
import io.pulso.worker.warehouse.demo.DemoWarehouseSetup;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Chooses the worker's source from {@code WAREHOUSE}: {@code demo} reads the demo warehouse database named by
 * {@code DEMO_WAREHOUSE_URL} (created and seeded if empty); {@code bigquery} (the default) is the production source, configured by the {@code BIGQUERY_*} variables
 * and {@code GOOGLE_APPLICATION_CREDENTIALS} (see {@link BigQueryConfig}); its client holds no resources to close.
 */
public record WarehouseSelection(Warehouse warehouse, AutoCloseable resources) implements AutoCloseable {

    /** The sources a worker can read; {@code pulso dev} takes its choice from {@code --warehouse} too. */
    public enum Kind {
        DEMO, BIGQUERY;

        /** {@code demo} or {@code bigquery}; anything else is refused naming {@code setting}. */
        public static Kind parse(String setting, String value) {
            return switch (value) {
                case "demo" -> DEMO;
                case "bigquery" -> BIGQUERY;
                default -> throw new ConfigException(setting + " must be demo or bigquery, got '" + value + "'");
            };
        }
    }

    public static WarehouseSelection fromEnv(Env env) {
        if (Kind.parse("WAREHOUSE", env.get("WAREHOUSE", "bigquery")) == Kind.BIGQUERY) {
            return new WarehouseSelection(bigQuery(env), () -> { });
        }
        DatabaseConfig config = DatabaseConfig.fromUrl(env.required("DEMO_WAREHOUSE_URL",
                "with WAREHOUSE=demo: the PostgreSQL database holding the demo source tables, "
                        + "for example postgresql://postgres@localhost:5432/pulso_warehouse"),
                env.get("POSTGRES_USER"), env.get("POSTGRES_PASSWORD"));
        // The database is created (from the server's postgres database) and seeded when missing or empty.
        String name = config.jdbcUrl().replaceAll("^jdbc:postgresql://[^/]*/([^?]*).*$", "$1");
        HikariDataSource data = DemoWarehouseSetup.ensure(DemoWarehouseSetup.warehouseConfig(config, "postgres"), name,
                env.integer("DEMO_SEED", 42, 0, Integer.MAX_VALUE), DemoScale.standard(),
                LocalDate.now(ZoneId.of("America/Lima")));
        return new WarehouseSelection(new DemoWarehouse(data), data);
    }

    /** The production source from the BIGQUERY_* variables; validated, credentials included, before any refresh. */
    public static BigQueryWarehouse bigQuery(Env env) {
        return BigQueryWarehouse.create(BigQueryConfig.fromEnv(env), ReadApiConfig.fromEnv(env));
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
