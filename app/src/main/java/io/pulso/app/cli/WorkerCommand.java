package io.pulso.app.cli;

import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.app.runtime.WarehouseSelection;
import io.pulso.app.runtime.WorkerRuntime;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.config.TemporalConfig;
import java.util.concurrent.Callable;
import io.pulso.app.PulsoCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** `pulso worker`: the Temporal worker process, configured by environment variables. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker. Environment: DATABASE_URL (or POSTGRES_*), TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, "
                + "TEMPORAL_TASK_QUEUE, WAREHOUSE (bigquery|demo), DEMO_WAREHOUSE_URL for demo; BIGQUERY_PROJECT_ID, "
                + "GOOGLE_APPLICATION_CREDENTIALS (or ADC) and the other BIGQUERY_* variables for bigquery.")
public final class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    PulsoCli root;

    @Override
    public Integer call() throws InterruptedException {
        Env env = root.env();
        DatabaseConfig databaseConfig = DatabaseConfig.fromEnv(env);
        TemporalConfig temporalConfig = TemporalConfig.fromEnv(env);
        TableCatalog catalog = TableCatalog.pulso();

        DestinationDatabase destination = DestinationDatabase.open(databaseConfig, catalog, 10, "pulso-worker");
        WarehouseSelection warehouse = null;
        TemporalConnection temporal = null;
        try {
            warehouse = WarehouseSelection.fromEnv(env);
            temporal = TemporalConnection.connect(temporalConfig);
        } catch (RuntimeException e) {
            ProcessLifetime.closeAll(warehouse, destination);
            throw e;
        }
        WorkerRuntime worker = WorkerRuntime.start(temporal, catalog, destination, warehouse.warehouse());
        return ProcessLifetime.runUntilStopped(worker, temporal, warehouse, destination);
    }
}
