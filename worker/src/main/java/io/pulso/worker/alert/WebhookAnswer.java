package io.pulso.worker.alert;

/**
 * How one POST went.
 *
 * @param status the HTTP status, or 0 when there was no answer (timeout, refused, reset)
 * @param error  what went wrong, or null on a 2xx; names the receiver by host only
 */
public record WebhookAnswer(int status, String error) {

    public boolean delivered() {
        return status >= 200 && status < 300;
    }

    /**
     * A 4xx says the request itself is wrong (bad URL, revoked token): sending it again cannot help. 408 and 429 are
     * the receiver being slow or busy, which a later attempt can get past.
     */
    public boolean worthRetrying() {
        return !delivered() && !(status >= 400 && status < 500 && status != 408 && status != 429);
    }
}
