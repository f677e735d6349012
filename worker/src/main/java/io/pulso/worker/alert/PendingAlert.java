package io.pulso.worker.alert;

/**
 * An event this process won the right to send (it opened, reminded or closed the incident).
 *
 * @param incidentId the incident, or null for a test event
 * @param sequence   how many times the incident has been sent (1 = opened); with the id, names the delivery
 */
public record PendingAlert(Long incidentId, int sequence, AlertEvent event) {
}
