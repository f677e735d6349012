package io.pulso.app.cli;

import io.pulso.api.ApiDependencies;
import io.pulso.api.ApiServer;
import io.pulso.api.refresh.BackfillLimits;
import io.pulso.api.security.ApiSecurity;
import io.pulso.app.runtime.ProcessMetrics;
import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.app.runtime.RunOperations;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.WatermarkRepository;
import java.time.Clock;
import java.util.concurrent.Callable;
import io.pulso.app.PulsoCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** `pulso api`: the HTTP API process, configured by environment variables. */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Run the HTTP API. Environment: DATABASE_URL (or POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, "
                + "POSTGRES_PASSWORD), TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, API_PORT (8000), TEMPORAL_UI_URL, "
                + "API_KEY (required when PULSO_ENV=production), API_READ_REQUIRES_KEY, CORS_ORIGINS, "
                + "SCHEDULES (on|off, default on: create each table's default schedule if it has none), API_DB_STATEMENT_TIMEOUT "
                + "(1500ms), API_DB_LOCK_TIMEOUT (1s), API_DB_IDLE_IN_TRANSACTION_TIMEOUT (10s), API_DB_SOCKET_TIMEOUT (2s), "
                + "API_DB_CONNECT_TIMEOUT (2s), API_DB_ACQUIRE_TIMEOUT (2s), MAX_BACKFILL_DAYS (3660).")
public final class ApiCommand implements Callable<Integer> {

    @ParentCommand
    PulsoCli root;

    @Override
    public Integer call() throws InterruptedException {
        Env env = root.env();
        // Validate every setting before touching anything, so one run reports a bad config.
        DatabaseConfig databaseConfig = DatabaseConfig.fromEnv(env);
        TemporalConfig temporalConfig = TemporalConfig.fromEnv(env);
        int port = env.integer("API_PORT", 8000, 1, 65535);
        ApiSecurity security = ApiSecurity.fromEnv(env);
        boolean defaultSchedules = env.flag("SCHEDULES", true);
        DatabaseTimeouts databaseTimeouts = DatabaseTimeouts.fromEnv(env, "API_DB_", DatabaseTimeouts.API);
        BackfillLimits backfillLimits = BackfillLimits.fromEnv(env);
        // The workers' PAGE_SIZE, so GET /config/tables shows the page size they read by.
        TableCatalog catalog = TableCatalog.pulso().withPageSize(TableCatalog.pageSizeFrom(env));

        DestinationDatabase destination = DestinationDatabase.open(databaseConfig, catalog, 10, "pulso-api",
                databaseTimeouts);
        ProcessMetrics metrics = ProcessMetrics.create();
        TemporalConnection temporal;
        try {
            temporal = TemporalConnection.connect(temporalConfig, TemporalConnection.API_RPC_RETRY_LIMIT, metrics.temporalScope());
        } catch (RuntimeException e) {
            ProcessLifetime.closeAll(destination, metrics);
            throw e;
        }
        RunOperations operations;
        try {
            operations = RunOperations.prepare(temporal, destination.dataSource(), catalog, defaultSchedules);
        } catch (RuntimeException e) {
            temporal.close();
            destination.close();
            throw e;
        }
        ApiServer server = ApiServer.start(new ApiDependencies(catalog,
                new RefreshStarter(temporal.client(), temporalConfig.taskQueue(), operations.searchAttributes()),
                new ExecutionLogRepository(destination.dataSource()), new WatermarkRepository(destination.dataSource()),
                destination.dataSource(), temporal::reachable, env.get("TEMPORAL_UI_URL"), temporalConfig.namespace(),
                Clock.systemUTC(), security, metrics.registry(), operations.scheduler(), operations.workflowRuns(), backfillLimits),
                port);
        System.err.println("pulso api: listening on port " + server.port() + (security.apiKey() == null
                ? " (no API_KEY: every client may start refreshes)" : " (API key required for changes"
                + (security.readsRequireKey() ? " and reads)" : ")")));
        System.err.println("pulso api: database limits: " + databaseTimeouts.describe());
        return ProcessLifetime.runUntilStopped(server, temporal, destination, metrics);
    }
}
