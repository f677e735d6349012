package io.pulso.worker.schedule;

import io.temporal.worker.Worker;

/** Registers what schedule firings run on: both backends' workflows and the firing activity. */
public final class ScheduleWorker {

    private ScheduleWorker() {
    }

    public static void register(Worker worker, ScheduleFiringActivities activities) {
        worker.registerWorkflowImplementationTypes(FireScheduledRefreshWorkflowImpl.class, TableScheduleWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
