package io.pulso.app.runtime;

import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import io.pulso.worker.alert.AlertWorker;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.refresh.PageLoop;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.observability.RunLogContext;
import io.pulso.worker.refresh.RefreshMetrics;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.SearchAttributeRegistration;
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

    private WorkerRuntime(WorkerFactory factory) {
        this.factory = factory;
    }

    public static WorkerRuntime start(TemporalConnection temporal, TableCatalog catalog, DestinationDatabase destination,
                                      Warehouse warehouse) {
        return start(temporal, catalog, destination, warehouse, RefreshMetrics.NONE);
    }

    /**
     * Database connections a worker needs: every table refreshing at once with its pages in flight, plus the
     * bookkeeping beside them (ledger checks, begin/finish, schedule firings), so no page load waits for a connection.
     */
    public static int connectionsFor(TableCatalog catalog) {
        return catalog.all().size() * PageLoop.PAGES_IN_FLIGHT + 6;
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
        return start(temporal, catalog, destination, warehouse, metrics, settings, AlertSettings.off(), AlertLinks.none());
    }

    /**
     * The same, sending notifications to the webhooks of {@code alerts} (none: no alert workflows are registered and no
     * check runs). The check is started once per namespace, by whichever worker comes first.
     */
    public static WorkerRuntime start(TemporalConnection temporal, TableCatalog catalog, DestinationDatabase destination,
                                      Warehouse warehouse, RefreshMetrics metrics, WorkerSettings settings,
                                      AlertSettings alerts, AlertLinks links) {
        WorkerFactory factory = WorkerFactory.newInstance(temporal.client(),
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new RunLogContext()).build());
        Worker worker = RefreshWorker.register(factory, temporal.config().taskQueue(), new RefreshActivitiesImpl(catalog,
                destination.schemas(), warehouse, destination.dataSource(), Clock.systemUTC(),
                RefreshActivitiesImpl.LoadBudget.standard(), metrics), settings);
        // Schedule firings start refreshes through the same starter (and workflow id) as the API.
        RefreshStarter starter = new RefreshStarter(temporal.client(), temporal.config().taskQueue(),
                SearchAttributeRegistration.register(temporal.client()));
        ScheduleWorker.register(worker, new ScheduleFiringActivitiesImpl(starter,
                new ScheduleFiringRepository(destination.dataSource()), Clock.systemUTC()));
        if (alerts.enabled()) {
            AlertWorker.register(worker, catalog, destination.dataSource(), alerts, links, Clock.systemUTC());
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
        return new WorkerRuntime(factory);
    }

    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
    }
}
