package io.pulso.api.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.api.ApiDependencies;
import io.pulso.api.ApiServer;
import io.pulso.api.RegisteredRoute;
import io.pulso.api.security.ApiSecurity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.testing.TestDatabase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * A real API on a random port over a migrated embedded database and an in-process Temporal service whose
 * worker runs {@link HoldingRefreshWorkflow}. One per test class; {@link #reset()} between tests.
 */
public final class ApiTestFixture implements AutoCloseable {

    public static final String TASK_QUEUE = "pulso-api-test";
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    public final TableCatalog catalog = TableCatalog.pulso();
    public final TestWorkflowEnvironment temporal;
    public final HikariDataSource database;
    public final ExecutionLogRepository runs;
    public final WatermarkRepository watermarks;
    public final RefreshStarter starter;
    public final RunLogWriter log;
    public final ApiClient api;
    public final InMemoryTableScheduler scheduler = new InMemoryTableScheduler(catalog);
    private final List<ApiServer> servers = new ArrayList<>();

    private ApiTestFixture() {
        // Real time: with time skipping the idle test service would jump to the runs' execution timeout.
        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        temporal.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(HoldingRefreshWorkflow.class);
        temporal.start();
        database = TestDatabase.migrated("api");
        runs = new ExecutionLogRepository(database);
        watermarks = new WatermarkRepository(database);
        starter = new RefreshStarter(temporal.getWorkflowClient(), TASK_QUEUE);
        log = new RunLogWriter(database, runs, watermarks);
        api = serve(deps().build());
    }

    public static ApiTestFixture start() {
        return new ApiTestFixture();
    }

    /** Dependencies preset to this fixture's; change what a test needs. */
    public Deps deps() {
        return new Deps(this);
    }

    /** Starts another API server (closed with the fixture). */
    public ApiClient serve(ApiDependencies deps) {
        ApiServer server = ApiServer.start(deps, 0);
        servers.add(server);
        return new ApiClient(server.port());
    }

    /** The routes of the fixture's main server, read from the running Javalin app. */
    public List<RegisteredRoute> routes() {
        return servers.get(0).routes();
    }

    /** Ends every running refresh and empties the control tables, so the next test starts clean. */
    public void reset() {
        for (String table : catalog.names()) {
            starter.running(table).ifPresent(runId ->
                    temporal.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.refresh(table)).terminate("test reset"));
        }
        TestDatabase.execute(database, "TRUNCATE etl_execution_log, etl_watermarks");
        scheduler.clear();
    }

    /** Lets the table's running refresh finish. */
    public void release(String table) {
        temporal.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.refresh(table)).signal("release");
    }

    /** The request the workflow of {@code runId} received (workflows start asynchronously). */
    public RefreshRequest awaitReceived(String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            RefreshRequest request = HoldingRefreshWorkflow.RECEIVED.get(runId);
            if (request != null) {
                return request;
            }
            sleep(20);
        }
        throw new AssertionError("workflow run " + runId + " did not start within 10 s");
    }

    @Override
    public void close() {
        servers.forEach(ApiServer::close);
        temporal.close();
        database.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builder over {@link ApiDependencies}, starting from the fixture's values. */
    public static final class Deps {
        private final ApiTestFixture fixture;
        private RefreshStarter starter;
        private ExecutionLogRepository runs;
        private WatermarkRepository watermarks;
        private DataSource dataSource;
        private BooleanSupplier temporalProbe = () -> true;
        private String temporalUiBaseUrl;
        private String namespace;
        private ApiSecurity security;
        private PrometheusMeterRegistry metrics;

        private Deps(ApiTestFixture fixture) {
            this.fixture = fixture;
            this.starter = fixture.starter;
            this.runs = fixture.runs;
            this.watermarks = fixture.watermarks;
            this.dataSource = fixture.database;
        }

        /** Points every database use (health ping and repositories) at {@code dataSource}. */
        public Deps database(DataSource dataSource) {
            this.dataSource = dataSource;
            this.runs = new ExecutionLogRepository(dataSource);
            this.watermarks = new WatermarkRepository(dataSource);
            return this;
        }

        public Deps starter(RefreshStarter starter) {
            this.starter = starter;
            return this;
        }

        public Deps temporalProbe(BooleanSupplier probe) {
            this.temporalProbe = probe;
            return this;
        }

        public Deps temporalUi(String baseUrl, String namespace) {
            this.temporalUiBaseUrl = baseUrl;
            this.namespace = namespace;
            return this;
        }

        public Deps security(ApiSecurity security) {
            this.security = security;
            return this;
        }

        public Deps metrics(PrometheusMeterRegistry metrics) {
            this.metrics = metrics;
            return this;
        }

        public ApiDependencies build() {
            return new ApiDependencies(fixture.catalog, starter, runs, watermarks, dataSource, temporalProbe,
                    temporalUiBaseUrl, namespace, Clock.fixed(NOW, ZoneOffset.UTC), security, metrics, fixture.scheduler,
                    new WorkflowRuns(fixture.temporal.getWorkflowClient()));
        }
    }
}
