package io.pulso.core.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pulso.core.catalog.TableCatalog;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the schedule backend once, at startup, by asking the server about a schedule that does not exist. */
public final class SchedulerSelection {

    private static final Logger log = LoggerFactory.getLogger(SchedulerSelection.class);
    private static final String PROBE_ID = "pulso-schedules-probe";

    private SchedulerSelection() {
    }

    /**
     * NOT_FOUND (or any answer but UNIMPLEMENTED) means the server has the Schedules API; UNIMPLEMENTED (the
     * embedded test server) selects the timer-workflow fallback.
     */
    public static TableScheduler choose(WorkflowClient client, String taskQueue, TableCatalog catalog,
                                        ScheduleFiringRepository firings) {
        String namespace = client.getOptions().getNamespace();
        if (!hasSchedulesApi(client)) {
            log.info("this Temporal server has no Schedules API (UNIMPLEMENTED): schedules run as timer workflows "
                    + "(backend {})", TableScheduler.CRON_WORKFLOW);
            return new CronWorkflowScheduler(client, taskQueue, catalog, firings);
        }
        log.info("schedules are Temporal Schedules (backend {})", TableScheduler.TEMPORAL_SCHEDULES);
        ScheduleClient schedules = ScheduleClient.newInstance(client.getWorkflowServiceStubs(),
                ScheduleClientOptions.newBuilder().setNamespace(namespace).build());
        return new TemporalSchedulesScheduler(schedules, taskQueue, catalog, firings);
    }

    /** The probe: false only when the server answers UNIMPLEMENTED (the embedded test server). */
    public static boolean hasSchedulesApi(WorkflowClient client) {
        try {
            client.getWorkflowServiceStubs().blockingStub().describeSchedule(DescribeScheduleRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace()).setScheduleId(PROBE_ID).build());
        } catch (RuntimeException e) {
            if (code(e) == Status.Code.UNIMPLEMENTED) {
                return false;
            }
            if (code(e) != Status.Code.NOT_FOUND) {
                log.warn("schedule probe answered {}; assuming Temporal Schedules", code(e));
            }
        }
        return true;
    }

    /** The gRPC status code somewhere in the cause chain, or null. */
    static Status.Code code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                return s.getStatus().getCode();
            }
        }
        return null;
    }
}
