package io.pulso.worker.alert;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

@ActivityInterface
public interface AlertCheckActivities {

    /**
     * Queues the notifications due now (incidents opened, reminded or closed by this call) in the outbox, and returns
     * every outbox row still pending (queued now or before and not yet delivered), with the webhook count.
     */
    @ActivityMethod(name = "CheckAlerts")
    DueAlerts check();

    /** @param webhooks how many receivers each alert goes to */
    record DueAlerts(List<PendingAlert> alerts, int webhooks) {
    }
}
