package io.pulso.worker.alert;

import io.pulso.core.catalog.TableCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the alert workflows and activities on a worker, and starts the periodic check once per namespace. */
public final class AlertWorker {

    private static final Logger log = LoggerFactory.getLogger(AlertWorker.class);

    private AlertWorker() {
    }

    public static void register(Worker worker, TableCatalog catalog, DataSource dataSource, AlertSettings settings,
                                AlertLinks links, Clock clock) {
        IncidentRepository incidents = new IncidentRepository(dataSource);
        worker.registerWorkflowImplementationTypes(AlertCheckWorkflowImpl.class, DeliverAlertWorkflowImpl.class);
        worker.registerActivitiesImplementations(
                new AlertCheckActivitiesImpl(new IncidentTracker(catalog, incidents, settings.reminder(), links), settings, clock),
                new AlertDeliveryActivitiesImpl(settings, incidents, clock));
    }

    /** Starts the check unless it runs already (every worker tries; the workflow id lets one through). */
    public static void ensureCheckRunning(WorkflowClient client, String taskQueue, int intervalSeconds) {
        AlertCheckWorkflow check = client.newWorkflowStub(AlertCheckWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue).setWorkflowId(AlertCheckWorkflow.WORKFLOW_ID).build());
        try {
            WorkflowClient.start(check::run, intervalSeconds);
            log.info("alert check started (every {} s)", intervalSeconds);
        } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("alert check already running");
        }
    }
}
