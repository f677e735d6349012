package io.pulso.core.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The fallback schedule of one table, for servers without the Schedules API (the embedded test server): a long-lived
 * workflow, id {@link ScheduleIds#fallback}, that sleeps until each firing on a durable timer and fires like a
 * Temporal Schedule would. Interval schedules only (cron needs the Schedules API).
 */
@WorkflowInterface
public interface TableScheduleWorkflow {

    @WorkflowMethod(name = "TableSchedule")
    void run(String table, ScheduleSpec spec);

    @SignalMethod(name = "update")
    void update(ScheduleSpec spec);

    @SignalMethod(name = "trigger")
    void trigger();

    @QueryMethod(name = "state")
    FallbackScheduleState state();
}
