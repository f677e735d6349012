package io.pulso.worker.alert;

/**
 * How delivering one event to one webhook ended, after every attempt.
 *
 * @param webhook   position in {@code ALERT_WEBHOOK_URL}, from 0
 * @param delivered true when a 2xx came back
 * @param status    the last HTTP status (0 = no answer)
 * @param attempts  attempts made when delivered; 0 when not known (the last failure says why)
 * @param error     why it was not delivered, or null; names the receiver by host only
 */
public record DeliveryOutcome(int webhook, boolean delivered, int status, int attempts, String error) {
}
