package io.pulso.app.runtime;

import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import io.pulso.worker.alert.AlertWorker;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.refresh.PageLoop;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.observability.RunLogContext;
import io.pulso.worker.refresh.RefreshMetrics;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.SearchAttributeRegistration;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.schedule.ScheduleFiringRepository;
import io.pulso.worker.schedule.ScheduleFiringActivitiesImpl;
import io.pulso.worker.schedule.ScheduleWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Temporal worker polling the refresh task queue. */
public final class WorkerRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
    private final WorkerFactory factory;
    private final WorkerMaintenance maintenance;

    private WorkerRuntime(WorkerFactory factory, WorkerMaintenance maintenance) {
        this.factory = factory;
        this.maintenance = maintenance;
    }

    public static WorkerRuntime start(TemporalConnection temporal, TableCatalog catalog, DestinationDatabase destination,
                                      Warehouse warehouse) {
        return start(temporal, catalog, destination, warehouse, RefreshMetrics.NONE);
    }

    /**
     * Database connections a worker needs: every table refreshing at once with its pages in flight, plus the
     * bookkeeping beside them (ledger checks, begin/finish, schedule firings) and the upkeep thread, so no page load
     * waits for a connection.
     */
    public static int connectionsFor(TableCatalog catalog) {
        return catalog.all().size() * PageLoop.PAGES_IN_FLIGHT + 7;
    }

    /** A worker whose activities report to {@code metrics} and log with the run id and table in the MDC. */
    public static WorkerRuntime start(TemporalConnection temporal, TableCatalog catalog, DestinationDatabase destination,
                                      Warehouse warehouse, RefreshMetrics metrics) {
        return start(temporal, catalog, destination, warehouse, metrics, WorkerSettings.standard());
    }

    /**
     * The same with the timeouts of {@code settings}. Pages are read in the page sizes of the
     * schemas {@code destination} verified, so {@link WorkerSettings#applyTo} belongs before that database is opened.
     */
    public static WorkerRuntime start(TemporalConnection temporal, TableCatalog catalog, DestinationDatabase destination,
                                      Warehouse warehouse, RefreshMetrics metrics, WorkerSettings settings) {
        return start(temporal, catalog, destination, warehouse, metrics, settings, Upkeep.standard());
    }

    /**
     * What a worker runs beside its refreshes, and how: the upkeep intervals (the stale-run sweep, the ledger pruning),
     * the database limits {@code destination}'s pool has (named when a statement hits one), and the notifications
     * (none: no alert workflows are registered and no check runs).
     */
    public record Upkeep(MaintenanceSettings maintenance, DatabaseTimeouts databaseTimeouts, AlertSettings alerts,
                         AlertLinks links) {

        public static Upkeep standard() {
            return new Upkeep(MaintenanceSettings.standard(), DatabaseTimeouts.WORKER, AlertSettings.off(), AlertLinks.none());
        }

        public Upkeep withAlerts(AlertSettings newAlerts, AlertLinks newLinks) {
            return new Upkeep(maintenance, databaseTimeouts, newAlerts, newLinks);
        }
    }

    /** The same with {@code upkeep}. The alert check is started once per namespace, by whichever worker comes first. */
    public static WorkerRuntime start(TemporalConnection temporal, TableCatalog catalog, DestinationDatabase destination,
                                      Warehouse warehouse, RefreshMetrics metrics, WorkerSettings settings, Upkeep upkeep) {
        DatabaseTimeouts databaseTimeouts = upkeep.databaseTimeouts();
        AlertSettings alerts = upkeep.alerts();
        WorkerFactory factory = WorkerFactory.newInstance(temporal.client(),
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new RunLogContext()).build());
        Worker worker = RefreshWorker.register(factory, temporal.config().taskQueue(), new RefreshActivitiesImpl(catalog,
                destination.schemas(), warehouse, destination.dataSource(), Clock.systemUTC(),
                RefreshActivitiesImpl.LoadBudget.standard(), metrics, databaseTimeouts), settings);
        // Schedule firings start refreshes through the same starter (and workflow id) as the API.
        RefreshStarter starter = new RefreshStarter(temporal.client(), temporal.config().taskQueue(),
                SearchAttributeRegistration.register(temporal.client()));
        ScheduleWorker.register(worker, new ScheduleFiringActivitiesImpl(starter,
                new ScheduleFiringRepository(destination.dataSource()), Clock.systemUTC()));
        if (alerts.enabled()) {
            AlertWorker.register(worker, catalog, destination.dataSource(), alerts, upkeep.links(), Clock.systemUTC());
        }
        factory.start();
        if (alerts.enabled()) {
            AlertWorker.ensureCheckRunning(temporal.client(), temporal.config().taskQueue(), alerts.checkEvery());
            log.info("notifications: {}", alerts);
        }
        log.info("worker polling task queue '{}' on {} (namespace {}), warehouse: {}; heartbeat timeouts: LoadPages {} s, "
                        + "Extract {} s; sticky schedule-to-start {} s", temporal.config().taskQueue(),
                temporal.config().address(), temporal.config().namespace(), warehouse.name(),
                settings.loadHeartbeatTimeout().toSeconds(), settings.extractHeartbeatTimeout().toSeconds(),
                settings.stickyTimeout().toSeconds());
        log.info("worker database limits: {}", databaseTimeouts.describe());
        WorkerMaintenance maintenance = WorkerMaintenance.start(WorkerMaintenance.tasks(upkeep.maintenance(),
                destination.dataSource(), new WorkflowRuns(temporal.client()), Clock.systemUTC()));
        return new WorkerRuntime(factory, maintenance);
    }

    @Override
    public void close() {
        maintenance.close();
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
    }
}
