package io.pulso.worker.alert;

/**
 * A POST a receiver accepted.
 *
 * @param webhook  position in {@code ALERT_WEBHOOK_URL}, from 0
 * @param receiver the receiver as logs may show it (scheme, host, port)
 * @param status   the 2xx it answered
 * @param attempt  which attempt got through (1 = the first)
 */
public record DeliveryReceipt(int webhook, String receiver, int status, int attempt) {
}
