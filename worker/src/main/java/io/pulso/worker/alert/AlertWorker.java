package io.pulso.worker.alert;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.schedule.SchedulerSelection;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
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
        worker.registerWorkflowImplementationTypes(AlertCheckWorkflowImpl.class, AlertCheckTickWorkflowImpl.class,
                DeliverAlertWorkflowImpl.class);
        worker.registerActivitiesImplementations(
                new AlertCheckActivitiesImpl(new IncidentTracker(catalog, incidents, settings.reminder(), links), incidents, settings, clock),
                new AlertDeliveryActivitiesImpl(settings, incidents, clock));
    }

    /**
     * Starts the periodic check once per namespace (every worker calls this): a Temporal Schedule
     * {@value AlertCheckSchedule#SCHEDULE_ID} on a server with the Schedules API, else (the embedded test server) the
     * timer workflow of the same id, which the workflow id lets start once. Same selection as the refresh schedules.
     *
     * @return true when the Schedule is used
     */
    public static boolean ensureCheckRunning(WorkflowClient client, String taskQueue, int intervalSeconds) {
        if (SchedulerSelection.hasSchedulesApi(client)) {
            ScheduleClient schedules = ScheduleClient.newInstance(client.getWorkflowServiceStubs(),
                    ScheduleClientOptions.newBuilder().setNamespace(client.getOptions().getNamespace()).build());
            boolean created = AlertCheckSchedule.ensure(schedules, taskQueue, intervalSeconds);
            log.info("alert check: Temporal Schedule {} {} (every {} s)", AlertCheckSchedule.SCHEDULE_ID,
                    created ? "created" : "updated", intervalSeconds);
            return true;
        }
        AlertCheckWorkflow check = client.newWorkflowStub(AlertCheckWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue).setWorkflowId(AlertCheckWorkflow.WORKFLOW_ID).build());
        try {
            WorkflowClient.start(check::run, intervalSeconds);
            log.info("alert check started as a timer workflow, no Schedules API on this server (every {} s)", intervalSeconds);
        } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("alert check already running");
        }
        return false;
    }
}
