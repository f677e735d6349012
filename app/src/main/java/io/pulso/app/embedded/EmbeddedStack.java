package io.pulso.app.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.api.ApiDependencies;
import io.pulso.api.ApiServer;
import io.pulso.api.security.ApiSecurity;
import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.app.runtime.ProcessMetrics;
import io.pulso.app.runtime.RunOperations;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.app.runtime.WorkerRuntime;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.db.Database;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import io.pulso.worker.observability.MicrometerRefreshMetrics;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.demo.DemoWarehouse;
import io.pulso.worker.warehouse.demo.DemoWarehouseSetup;
import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process, with nothing installed: embedded PostgreSQL (destination and demo warehouse
 * databases), the Temporal Java test server on a port in real time, a worker (unless left out) and the API. Closing
 * it stops everything in reverse order, PostgreSQL last.
 */
public final class EmbeddedStack implements AutoCloseable {

    public static final String DESTINATION_DB = "pulso";
    public static final String WAREHOUSE_DB = "pulso_warehouse";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    /**
     * @param dataDirectory where PostgreSQL keeps its files
     * @param apiPort       0 = any free port
     * @param postgresPort  0 = any free port
     * @param temporalPort  0 = any free port
     * @param seed          demo data seed
     * @param demoScale     how much demo data to generate on first start
     * @param demoEndDate   last day of demo data
     * @param apiKey        the key mutating API calls need, or null for an open API
     * @param defaultSchedules create the catalog's schedules (the embedded server forgets them at each stop)
     * @param worker        the settings of the in-process refresh worker (its page size applies to the whole
     *                      stack), or null for none: refreshes then wait for a {@code pulso worker} process
     * @param source        the warehouse the in-process worker reads (BigQuery for {@code pulso dev --warehouse
     *                      bigquery}), or null for the embedded demo warehouse, which is then created and seeded
     */
    public record Options(Path dataDirectory, int apiPort, int postgresPort, int temporalPort, long seed, DemoScale demoScale,
                          LocalDate demoEndDate, String temporalUiUrl, String apiKey, boolean defaultSchedules,
                          WorkerSettings worker, Warehouse source) {

        /** On the embedded demo warehouse. */
        public Options(Path dataDirectory, int apiPort, int postgresPort, int temporalPort, long seed, DemoScale demoScale,
                       LocalDate demoEndDate, String temporalUiUrl, String apiKey, boolean defaultSchedules,
                       WorkerSettings worker) {
            this(dataDirectory, apiPort, postgresPort, temporalPort, seed, demoScale, demoEndDate, temporalUiUrl, apiKey,
                    defaultSchedules, worker, null);
        }

        /** With an in-process worker on the production settings. */
        public Options(Path dataDirectory, int apiPort, int postgresPort, int temporalPort, long seed, DemoScale demoScale,
                       LocalDate demoEndDate, String temporalUiUrl, String apiKey, boolean defaultSchedules) {
            this(dataDirectory, apiPort, postgresPort, temporalPort, seed, demoScale, demoEndDate, temporalUiUrl, apiKey,
                    defaultSchedules, WorkerSettings.standard());
        }

        /** An open API (no key). */
        public Options(Path dataDirectory, int apiPort, int postgresPort, int temporalPort, long seed, DemoScale demoScale,
                       LocalDate demoEndDate, String temporalUiUrl, boolean defaultSchedules) {
            this(dataDirectory, apiPort, postgresPort, temporalPort, seed, demoScale, demoEndDate, temporalUiUrl, null,
                    defaultSchedules);
        }

        /** The same stack with another in-process worker, or none ({@code null}). */
        public Options withWorker(WorkerSettings settings) {
            return new Options(dataDirectory, apiPort, postgresPort, temporalPort, seed, demoScale, demoEndDate,
                    temporalUiUrl, apiKey, defaultSchedules, settings, source);
        }

        /** The same stack reading another warehouse, or the embedded demo warehouse ({@code null}). */
        public Options withSource(Warehouse warehouse) {
            return new Options(dataDirectory, apiPort, postgresPort, temporalPort, seed, demoScale, demoEndDate,
                    temporalUiUrl, apiKey, defaultSchedules, worker, warehouse);
        }
    }

    /** Connections of the embedded API's pool. */
    private static final int API_CONNECTIONS = 10;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedPostgresServer postgres;
    private int temporalPort;
    private TemporalConnection temporal;
    private DestinationDatabase destination;
    private ApiServer api;
    private ApiDependencies apiDependencies;
    private ProcessMetrics metrics;
    private Warehouse source;

    private EmbeddedStack() {
    }

    public static EmbeddedStack start(Options options) {
        return start(options, AlertSettings.off(), AlertLinks.none());
    }

    /** The same, with the in-process worker sending notifications to the webhooks of {@code alerts}. */
    public static EmbeddedStack start(Options options, AlertSettings alerts, AlertLinks links) {
        EmbeddedStack stack = new EmbeddedStack();
        try {
            stack.startAll(options, alerts, links);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options, AlertSettings alerts, AlertLinks links) {
        TableCatalog catalog = options.worker() == null ? TableCatalog.pulso()
                : options.worker().applyTo(TableCatalog.pulso());
        postgres = EmbeddedPostgresServer.start(options.dataDirectory(), Ports.orFree(options.postgresPort()));
        started.push(postgres);
        log.info("embedded PostgreSQL on port {} (data in {})", postgres.port(), options.dataDirectory());

        destination = DestinationDatabase.open(postgres.database(DESTINATION_DB), catalog,
                WorkerRuntime.connectionsFor(catalog), "pulso-destination", DatabaseTimeouts.WORKER);
        started.push(destination);
        // The API's own pool, with the API's short limits: its routes answer 503 quickly while the database stalls.
        HikariDataSource apiData = Database.pool(postgres.database(DESTINATION_DB), "pulso-api", API_CONNECTIONS,
                DatabaseTimeouts.API);
        started.push(apiData);
        Warehouse source = options.source();
        if (source == null) {
            HikariDataSource warehouseData = DemoWarehouseSetup.ensure(postgres.adminConfig(), WAREHOUSE_DB, options.seed(),
                    options.demoScale(), options.demoEndDate());
            started.push(warehouseData);
            source = new DemoWarehouse(warehouseData);
        }
        this.source = source;
        log.info("the worker reads the {} warehouse", source.name());

        // One registry for the whole process: the API's /metrics shows the worker's refresh metrics too.
        metrics = ProcessMetrics.create();
        started.push(metrics);
        temporalPort = Ports.orFree(options.temporalPort());
        TestServer.PortBoundTestServer temporalServer = TestServer.createPortBoundServer(temporalPort);
        started.push(temporalServer);
        temporal = TemporalConnection.connect(new TemporalConfig("127.0.0.1:" + temporalPort, "default",
                TemporalConfig.DEFAULT_TASK_QUEUE), null, metrics.temporalScope());
        started.push(temporal);

        if (options.worker() != null) {
            started.push(WorkerRuntime.start(temporal, catalog, destination, source,
                    new MicrometerRefreshMetrics(metrics.registry()), options.worker(),
                    WorkerRuntime.Upkeep.standard().withAlerts(alerts, links)));
        }

        RunOperations operations = RunOperations.prepare(temporal, destination.dataSource(), catalog, options.defaultSchedules());
        ApiDependencies deps = new ApiDependencies(catalog,
                new RefreshStarter(temporal.client(), temporal.config().taskQueue(), operations.searchAttributes()),
                new ExecutionLogRepository(apiData), new WatermarkRepository(apiData),
                apiData, temporal::reachable, options.temporalUiUrl(), temporal.config().namespace(),
                Clock.systemUTC(), options.apiKey() == null ? ApiSecurity.open() : ApiSecurity.withKey(options.apiKey()),
                metrics.registry(), operations.scheduler(), operations.workflowRuns());
        apiDependencies = deps;
        api = ApiServer.start(deps, options.apiPort());
        started.push(api);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    public int apiPort() {
        return api.port();
    }

    /** What the API was started with: a test can serve a second API over the same stack (another key policy). */
    public ApiDependencies apiDependencies() {
        return apiDependencies;
    }

    public String temporalAddress() {
        return "127.0.0.1:" + temporalPort;
    }

    /** The warehouse the in-process worker reads (refreshes started through this stack's API read it). */
    public Warehouse source() {
        return source;
    }

    public ProcessMetrics metrics() {
        return metrics;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public DestinationDatabase destination() {
        return destination;
    }

    public TemporalConnection temporal() {
        return temporal;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("while stopping {}: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
