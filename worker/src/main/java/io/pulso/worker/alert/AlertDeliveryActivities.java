package io.pulso.worker.alert;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Sends notifications; runs on the workers, which hold the webhook URLs and the secret (never the workflow input). */
@ActivityInterface
public interface AlertDeliveryActivities {

    /**
     * POSTs the event to webhook number {@code webhook} (0-based, in {@code ALERT_WEBHOOK_URL} order). Fails
     * retryably on no answer, a 5xx, 408 or 429 ({@code WebhookUnavailable}); for good on another 4xx
     * ({@code WebhookRejected}, with the status as detail).
     */
    @ActivityMethod(name = "DeliverAlert")
    DeliveryReceipt deliver(AlertEvent event, int webhook);

    /**
     * Writes how the event's delivery ended for each webhook ({@code etl_alert_deliveries}) and ends its outbox row
     * (delivered or failed), once.
     */
    @ActivityMethod(name = "RecordAlertDeliveries")
    void record(PendingAlert alert, List<DeliveryOutcome> outcomes);
}
