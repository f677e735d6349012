package io.pulso.worker.schedule;

import io.pulso.core.schedule.FireOutcome;
import io.pulso.core.schedule.FireScheduledRefreshWorkflow;
import io.pulso.core.schedule.TableScheduler;
import io.pulso.worker.WorkerSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** A Temporal Schedule's firing: one activity that starts the refresh or records the skip. */
public class FireScheduledRefreshWorkflowImpl implements FireScheduledRefreshWorkflow {

    static final ActivityOptions FIRING = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(WorkerSettings.BOOKKEEPING_START_TO_CLOSE)
            .setScheduleToCloseTimeout(Duration.ofMinutes(3))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(30)).build())
            .build();

    private final ScheduleFiringActivities firing = Workflow.newActivityStub(ScheduleFiringActivities.class, FIRING);

    @Override
    public FireOutcome fire(String table) {
        return firing.fire(table, TableScheduler.TEMPORAL_SCHEDULES);
    }
}
