package io.pulso.worker;

import io.pulso.worker.refresh.RefreshActivities;
import io.pulso.worker.refresh.RefreshTableWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the refresh workflow and its activities on a task queue. */
public final class RefreshWorker {

    private RefreshWorker() {
    }

    public static Worker register(WorkerFactory factory, String taskQueue, RefreshActivities activities) {
        Worker worker = factory.newWorker(taskQueue);
        worker.registerWorkflowImplementationTypes(RefreshTableWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }
}
