package io.pulso.worker.alert;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One alert check and the dispatch of its pending deliveries: the action of the Temporal Schedule
 * {@value AlertCheckSchedule#SCHEDULE_ID} on a server with Schedules (on the embedded test server the
 * {@link AlertCheckWorkflow} timer loop does the same).
 */
@WorkflowInterface
public interface AlertCheckTickWorkflow {

    /** @return how many deliveries this tick started */
    @WorkflowMethod(name = "AlertCheckTick")
    int check();
}
