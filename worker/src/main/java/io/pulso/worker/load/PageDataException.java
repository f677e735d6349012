package io.pulso.worker.load;

/** A page whose data cannot fit the destination (missing column, wrong type, null key): retrying will not help. */
public class PageDataException extends RuntimeException {

    public PageDataException(String message) {
        super(message);
    }

    public PageDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
