package io.pulso.worker.alert;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Delivers one event to every webhook, each on its own (a dead receiver delays no other), with bounded retries, then
 * records the outcomes.
 * Started apart from any refresh, so a webhook can never fail or slow one.
 */
@WorkflowInterface
public interface DeliverAlertWorkflow {

    @WorkflowMethod(name = "DeliverAlert")
    List<DeliveryOutcome> deliver(PendingAlert alert, int webhooks);
}
