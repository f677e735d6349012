package io.pulso.worker.alert;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;

/**
 * The alert check as a Temporal Schedule (server with the Schedules API): every interval one
 * {@link AlertCheckTickWorkflow} run; a tick that finds the previous one still running is skipped, and ticks missed
 * while the server was down are not made up (the next check finds everything anyway).
 */
public final class AlertCheckSchedule {

    public static final String SCHEDULE_ID = AlertCheckWorkflow.WORKFLOW_ID;
    /** The id of each tick's run (the server appends the tick's time). */
    public static final String TICK_WORKFLOW_ID = "etl-alert-check-tick";
    /** A check that takes longer than this is stuck: the next tick should not wait on it. */
    static final Duration TICK_TIMEOUT = Duration.ofMinutes(5);
    private static final String NOTE = "managed by the Pulso ETL workers (alert check)";

    private AlertCheckSchedule() {
    }

    /** The schedule for {@code intervalSeconds}; public so its shape can be checked without a server. */
    public static Schedule definition(String taskQueue, int intervalSeconds) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(AlertCheckTickWorkflow.class)
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(TICK_WORKFLOW_ID)
                                .setTaskQueue(taskQueue)
                                .setWorkflowExecutionTimeout(TICK_TIMEOUT)
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder()
                        .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofSeconds(intervalSeconds))))
                        .build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .setCatchupWindow(Duration.ofSeconds(Math.max(60, intervalSeconds)))
                        .build())
                .setState(ScheduleState.newBuilder().setNote(NOTE).build())
                .build();
    }

    /** Creates the schedule, or updates it to this worker's interval and task queue when it exists (the last starter wins). */
    public static boolean ensure(ScheduleClient schedules, String taskQueue, int intervalSeconds) {
        Schedule schedule = definition(taskQueue, intervalSeconds);
        try {
            schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
            return true;
        } catch (ScheduleAlreadyRunningException e) {
            schedules.getHandle(SCHEDULE_ID).update(input -> new ScheduleUpdate(schedule));
            return false;
        }
    }
}
