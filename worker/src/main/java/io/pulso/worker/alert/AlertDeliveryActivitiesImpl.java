package io.pulso.worker.alert;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AlertDeliveryActivitiesImpl implements AlertDeliveryActivities {

    public static final String UNAVAILABLE = "WebhookUnavailable";
    public static final String REJECTED = "WebhookRejected";
    private static final Logger log = LoggerFactory.getLogger(AlertDeliveryActivitiesImpl.class);

    private final AlertSettings settings;
    private final WebhookSender sender;
    private final IncidentRepository incidents;
    private final Clock clock;

    public AlertDeliveryActivitiesImpl(AlertSettings settings, IncidentRepository incidents, Clock clock) {
        this.settings = settings;
        this.sender = new WebhookSender(settings);
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    public void record(PendingAlert alert, List<DeliveryOutcome> outcomes) {
        try {
            incidents.recordDeliveries(alert, outcomes,
                    settings.webhooks().stream().map(AlertSettings::redacted).toList(), clock.instant());
        } catch (SQLException e) {
            throw ApplicationFailure.newFailure("cannot record the deliveries of a " + alert.event().kind().wireName()
                    + " alert in etl_alert_deliveries: " + e.getMessage(), "DatabaseUnavailable");
        }
    }

    @Override
    public DeliveryReceipt deliver(AlertEvent event, int webhook) {
        if (webhook < 0 || webhook >= settings.webhooks().size()) {
            // The workflow was started for more receivers than this worker knows: its configuration differs.
            throw ApplicationFailure.newNonRetryableFailure("webhook " + (webhook + 1) + " is not configured on this worker ("
                    + AlertSettings.URLS + " has " + settings.webhooks().size() + ")", REJECTED, 0);
        }
        URI uri = settings.webhooks().get(webhook);
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        WebhookAnswer answer = sender.post(uri, AlertPayloads.body(event, settings.format()));
        if (answer.delivered()) {
            log.info("{} alert for {} delivered to {} (HTTP {}, attempt {})", event.kind().wireName(), event.table(),
                    AlertSettings.redacted(uri), answer.status(), attempt);
            return new DeliveryReceipt(webhook, AlertSettings.redacted(uri), answer.status(), attempt);
        }
        log.warn("{} alert for {}: attempt {}: {}", event.kind().wireName(), event.table(), attempt, answer.error());
        if (answer.worthRetrying()) {
            throw ApplicationFailure.newFailure(answer.error(), UNAVAILABLE, answer.status());
        }
        throw ApplicationFailure.newNonRetryableFailure(answer.error(), REJECTED, answer.status());
    }
}
