package io.pulso.worker.alert;

/**
 * An event queued in the outbox ({@code etl_alert_outbox}) by the process that opened, reminded or closed the
 * incident, to be sent until its delivery ends.
 *
 * @param outboxId   the outbox row; names the delivery workflow ({@code etl-alert-deliver-<id>}); null only for an
 *                   event sent without the outbox
 * @param incidentId the incident, or null for a test event
 * @param sequence   how many times the incident has been sent (1 = opened)
 */
public record PendingAlert(Long outboxId, Long incidentId, int sequence, AlertEvent event) {
}
