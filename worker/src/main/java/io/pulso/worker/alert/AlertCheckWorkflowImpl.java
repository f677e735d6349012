package io.pulso.worker.alert;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public final class AlertCheckWorkflowImpl implements AlertCheckWorkflow {

    /** Checks per run before continuing as new, which keeps the history short. */
    static final int CHECKS_PER_RUN = 200;
    private static final Logger log = Workflow.getLogger(AlertCheckWorkflowImpl.class);

    private final AlertCheckActivities checks = Workflow.newActivityStub(AlertCheckActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    // A database outage skips checks; the next interval tries again.
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                    .build());

    @Override
    public void run(int intervalSeconds) {
        for (int i = 0; i < CHECKS_PER_RUN; i++) {
            try {
                AlertCheckActivities.DueAlerts due = checks.check();
                for (PendingAlert alert : due.alerts()) {
                    send(alert, due.webhooks());
                }
            } catch (ActivityFailure e) {
                log.warn("alert check failed, trying again in {} s: {}", intervalSeconds, e.getCause().getMessage());
            }
            Workflow.sleep(Duration.ofSeconds(intervalSeconds));
        }
        Workflow.continueAsNew(intervalSeconds);
    }

    /** A child that outlives this run (ABANDON): its retries go on while the checks continue. */
    private static void send(PendingAlert alert, int webhooks) {
        String id = "etl-alert-" + (alert.incidentId() == null ? Workflow.randomUUID() : alert.incidentId() + "-" + alert.sequence());
        DeliverAlertWorkflow child = Workflow.newChildWorkflowStub(DeliverAlertWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id).setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON).build());
        Async.function(child::deliver, alert, webhooks);
        Workflow.getWorkflowExecution(child).get();
    }
}
