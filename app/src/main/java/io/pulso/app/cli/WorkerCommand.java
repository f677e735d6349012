package io.pulso.app.cli;

import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.app.runtime.MaintenanceSettings;
import io.pulso.app.runtime.MetricsHttpServer;
import io.pulso.app.runtime.ProcessMetrics;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.app.runtime.WarehouseSelection;
import io.pulso.app.runtime.WorkerRuntime;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import io.pulso.worker.observability.MicrometerRefreshMetrics;
import java.util.concurrent.Callable;
import io.pulso.app.PulsoCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** `pulso worker`: the Temporal worker process, configured by environment variables. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker. Environment: DATABASE_URL (or POSTGRES_*), TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, "
                + "TEMPORAL_TASK_QUEUE, WAREHOUSE (bigquery|demo), DEMO_WAREHOUSE_URL for demo; BIGQUERY_PROJECT_ID, "
                + "GOOGLE_APPLICATION_CREDENTIALS (or ADC) and the other BIGQUERY_* variables for bigquery; "
                + "METRICS_PORT (9464: GET /metrics); LOAD_HEARTBEAT_TIMEOUT (120 s), EXTRACT_HEARTBEAT_TIMEOUT (300 s), "
                + "STICKY_SCHEDULE_TO_START_TIMEOUT (5 s; 0 = off), PAGE_SIZE (rows per page for every table; default "
                + "each table's own); STALE_RUN_SWEEP_INTERVAL (300 s; 0 = off), LEDGER_PRUNE_INTERVAL (3600 s; 0 = off), "
                + "LEDGER_RETENTION_MONTHS (6); WORKER_DB_STATEMENT_TIMEOUT (60s), WORKER_DB_LOCK_TIMEOUT (10s), "
                + "WORKER_DB_IDLE_IN_TRANSACTION_TIMEOUT (60s), WORKER_DB_SOCKET_TIMEOUT (90s), WORKER_DB_CONNECT_TIMEOUT (10s), "
                + "WORKER_DB_ACQUIRE_TIMEOUT (10s).")
public final class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    PulsoCli root;

    @Override
    public Integer call() throws InterruptedException {
        Env env = root.env();
        DatabaseConfig databaseConfig = DatabaseConfig.fromEnv(env);
        TemporalConfig temporalConfig = TemporalConfig.fromEnv(env);
        int metricsPort = env.integer("METRICS_PORT", 9464, 0, 65535);
        WorkerSettings settings = WorkerSettings.fromEnv(env);
        MaintenanceSettings maintenance = MaintenanceSettings.fromEnv(env);
        DatabaseTimeouts databaseTimeouts = settings.checkDatabaseTimeouts(
                DatabaseTimeouts.fromEnv(env, WorkerSettings.DATABASE_PREFIX, DatabaseTimeouts.WORKER));
        AlertSettings alerts = AlertSettings.fromEnv(env);
        TableCatalog catalog = settings.applyTo(TableCatalog.pulso());

        DestinationDatabase destination = DestinationDatabase.open(databaseConfig, catalog, WorkerRuntime.connectionsFor(catalog),
                "pulso-worker", databaseTimeouts);
        ProcessMetrics metrics = ProcessMetrics.create();
        WarehouseSelection warehouse = null;
        TemporalConnection temporal = null;
        MetricsHttpServer metricsServer = null;
        try {
            warehouse = WarehouseSelection.fromEnv(env);
            temporal = TemporalConnection.connect(temporalConfig, null, metrics.temporalScope());
            metricsServer = MetricsHttpServer.start(metricsPort, metrics.registry());
        } catch (RuntimeException e) {
            ProcessLifetime.closeAll(temporal, warehouse, destination, metrics);
            throw e;
        }
        WorkerRuntime worker = WorkerRuntime.start(temporal, catalog, destination, warehouse.warehouse(),
                new MicrometerRefreshMetrics(metrics.registry()), settings, new WorkerRuntime.Upkeep(maintenance,
                        databaseTimeouts, alerts, AlertLinks.fromEnv(env, temporalConfig.namespace())));
        return ProcessLifetime.runUntilStopped(worker, metricsServer, temporal, warehouse, destination, metrics);
    }
}
