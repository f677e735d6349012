package io.pulso.worker.warehouse;

/**
 * A failure of the source. {@code retryable} says whether trying again can help (a timeout, a dropped
 * connection, a rate limit) or not (bad SQL, a missing table, no permission); {@code reason} is a short code
 * that reaches the execution log ("invalidQuery", "notFound", "connection", ...).
 */
public class WarehouseException extends RuntimeException {

    private final boolean retryable;
    private final String reason;

    public WarehouseException(String reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    public static WarehouseException retryable(String reason, String message, Throwable cause) {
        return new WarehouseException(reason, message, true, cause);
    }

    public static WarehouseException permanent(String reason, String message, Throwable cause) {
        return new WarehouseException(reason, message, false, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    public String reason() {
        return reason;
    }
}
