package io.pulso.worker.alert;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Workflow code shared by the timer-loop check and the scheduled check: one check, then one {@link DeliverAlertWorkflow}
 * per pending outbox row. The child's id is the row's ({@value #CHILD_PREFIX}&lt;id&gt;) and a duplicate is rejected, so a
 * row dispatched by several checks (a retry after a crash, the next tick while the delivery still retries) is sent once.
 */
final class AlertDispatch {

    static final String CHILD_PREFIX = "etl-alert-deliver-";
    private static final Logger log = Workflow.getLogger(AlertDispatch.class);

    private AlertDispatch() {
    }

    static AlertCheckActivities checks() {
        return Workflow.newActivityStub(AlertCheckActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                // A database outage skips checks; the next interval tries again (and finds the rows still pending).
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
    }

    /** Starts the delivery of every pending row; returns how many were started now (not dispatched before). */
    static int dispatch(AlertCheckActivities.DueAlerts due) {
        int started = 0;
        for (PendingAlert alert : due.alerts()) {
            if (alert.outboxId() == null) {
                continue; // cannot happen with the outbox; such an alert has no id to send it once by
            }
            if (start(CHILD_PREFIX + alert.outboxId(), alert, due.webhooks(), true)) {
                started++;
            }
        }
        return started;
    }

    /**
     * A child that outlives its parent (ABANDON): its retries go on while the checks continue. False when a
     * workflow with that id exists (running or closed) under a rejecting reuse policy.
     */
    static boolean start(String workflowId, PendingAlert alert, int webhooks, boolean rejectDuplicate) {
        ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder().setWorkflowId(workflowId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON);
        if (rejectDuplicate) {
            options.setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
        }
        DeliverAlertWorkflow child = Workflow.newChildWorkflowStub(DeliverAlertWorkflow.class, options.build());
        Async.function(child::deliver, alert, webhooks);
        try {
            Workflow.getWorkflowExecution(child).get();
            return true;
        } catch (ChildWorkflowFailure e) {
            log.debug("delivery {} dispatched already: {}", workflowId, e.getMessage());
            return false;
        }
    }
}
