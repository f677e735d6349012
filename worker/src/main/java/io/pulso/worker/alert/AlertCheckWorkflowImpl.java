package io.pulso.worker.alert;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public final class AlertCheckWorkflowImpl implements AlertCheckWorkflow {

    /** Checks per run before continuing as new, which keeps the history short. */
    static final int CHECKS_PER_RUN = 200;
    /** From this version on, deliveries are named by their outbox row and a duplicate is rejected. */
    static final String OUTBOX_CHANGE = "alert-outbox";
    private static final Logger log = Workflow.getLogger(AlertCheckWorkflowImpl.class);

    private final AlertCheckActivities checks = AlertDispatch.checks();

    @Override
    public void run(int intervalSeconds) {
        int version = Workflow.getVersion(OUTBOX_CHANGE, Workflow.DEFAULT_VERSION, 1);
        for (int i = 0; i < CHECKS_PER_RUN; i++) {
            try {
                AlertCheckActivities.DueAlerts due = checks.check();
                if (version == Workflow.DEFAULT_VERSION) {
                    for (PendingAlert alert : due.alerts()) {
                        // The naming of runs started before the outbox, kept so their histories replay.
                        AlertDispatch.start("etl-alert-" + (alert.incidentId() == null ? Workflow.randomUUID()
                                : alert.incidentId() + "-" + alert.sequence()), alert, due.webhooks(), false);
                    }
                } else {
                    AlertDispatch.dispatch(due);
                }
            } catch (ActivityFailure e) {
                log.warn("alert check failed, trying again in {} s: {}", intervalSeconds, e.getCause().getMessage());
            }
            Workflow.sleep(Duration.ofSeconds(intervalSeconds));
        }
        Workflow.continueAsNew(intervalSeconds);
    }
}
