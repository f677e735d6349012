package io.pulso.worker.warehouse.bigquery.zetasql;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.Warehouse;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One dialect's refresh path: a migrated destination database, and the real workflow, activities and loader in a
 * Temporal test environment, reading from the given warehouse.
 */
final class DialectRefresher implements AutoCloseable {

    private static final String QUEUE = "dialect-equivalence";

    private final HikariDataSource destination;
    private final TestWorkflowEnvironment env;

    DialectRefresher(String name, TableCatalog catalog, Warehouse warehouse, Clock clock) {
        destination = TestDatabase.migrated("dialect_" + name);
        Map<String, TableSchema> schemas = new CatalogSchemaVerifier(destination).verify(catalog);
        env = TestWorkflowEnvironment.newInstance();
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(catalog, schemas, warehouse,
                destination, clock, new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))));
        env.start();
    }

    RefreshResult refresh(RefreshRequest request) {
        return env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE)
                                .setWorkflowId(WorkflowIds.refresh(request.table())).build())
                .refresh(request);
    }

    HikariDataSource destination() {
        return destination;
    }

    @Override
    public void close() {
        env.close();
        destination.close();
    }
}
