package io.pulso.worker.alert;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The periodic look for failed, held, stale and recovered tables: at every interval one check, then one
 * {@link DeliverAlertWorkflow} per due event, started on its own so that no receiver delays the next check (and no
 * refresh ever waits on any of it). One per namespace, workflow id {@value #WORKFLOW_ID}.
 */
@WorkflowInterface
public interface AlertCheckWorkflow {

    String WORKFLOW_ID = "etl-alert-check";

    /** @param intervalSeconds seconds between checks */
    @WorkflowMethod(name = "AlertCheck")
    void run(int intervalSeconds);
}
