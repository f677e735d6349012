package io.pulso.worker;

import io.pulso.worker.refresh.RefreshActivities;
import io.pulso.worker.refresh.RefreshTableWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/** Registers the refresh workflow and its activities on a task queue. */
public final class RefreshWorker {

    /**
     * Heartbeats are sent at most this often; a cancel request only reaches an activity with a heartbeat's answer,
     * so this bounds how long a cancelled run goes on loading pages (the SDK default is up to 60 s).
     */
    static final Duration MAX_HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

    private RefreshWorker() {
    }

    public static Worker register(WorkerFactory factory, String taskQueue, RefreshActivities activities) {
        return register(factory, taskQueue, activities, WorkerSettings.standard());
    }

    /** With the timeouts of {@code settings} (every worker of a task queue should use the same). */
    public static Worker register(WorkerFactory factory, String taskQueue, RefreshActivities activities,
                                  WorkerSettings settings) {
        // A zero sticky timeout makes the SDK send no sticky attributes: workflow tasks stay on the shared queue.
        Worker worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(MAX_HEARTBEAT_THROTTLE)
                .setStickyQueueScheduleToStartTimeout(settings.stickyTimeout()).build());
        // Replay checks activity types and order, not timeouts: workers with other settings replay each other's runs.
        worker.registerWorkflowImplementationTypes(settings.workflowOptions(), RefreshTableWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }
}
