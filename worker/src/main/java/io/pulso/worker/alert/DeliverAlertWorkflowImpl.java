package io.pulso.worker.alert;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class DeliverAlertWorkflowImpl implements DeliverAlertWorkflow {

    /** About 15 minutes of attempts (10 s, 20 s, 40 s, … up to 5 min apart), then the receiver is given up on. */
    static final RetryOptions RETRY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(10))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(5))
            .setMaximumAttempts(8)
            .setDoNotRetry(AlertDeliveryActivitiesImpl.REJECTED)
            .build();

    private final AlertDeliveryActivities activities = Workflow.newActivityStub(AlertDeliveryActivities.class,
            ActivityOptions.newBuilder()
                    // One POST waits at most the sender's connect and answer timeouts (10 s each).
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RETRY)
                    .build());

    private final AlertDeliveryActivities bookkeeping = Workflow.newActivityStub(AlertDeliveryActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1)).setMaximumAttempts(20).build())
                    .build());

    @Override
    public List<DeliveryOutcome> deliver(PendingAlert alert, int webhooks) {
        AlertEvent event = alert.event();
        List<Promise<DeliveryReceipt>> sent = new ArrayList<>();
        for (int i = 0; i < webhooks; i++) {
            sent.add(Async.function(activities::deliver, event, i));
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < webhooks; i++) {
            try {
                DeliveryReceipt receipt = sent.get(i).get();
                outcomes.add(new DeliveryOutcome(i, true, receipt.status(), receipt.attempt(), null));
            } catch (ActivityFailure failure) {
                outcomes.add(notDelivered(i, failure));
            }
        }
        bookkeeping.record(alert, outcomes);
        return outcomes;
    }

    private static DeliveryOutcome notDelivered(int webhook, ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure app) {
            Integer status = app.getDetails().get(Integer.class);
            return new DeliveryOutcome(webhook, false, status == null ? 0 : status, 0, app.getOriginalMessage());
        }
        if (failure.getCause() instanceof TimeoutFailure) {
            return new DeliveryOutcome(webhook, false, 0, 0, "no answer within the activity's timeout");
        }
        return new DeliveryOutcome(webhook, false, 0, 0, failure.getMessage());
    }
}
