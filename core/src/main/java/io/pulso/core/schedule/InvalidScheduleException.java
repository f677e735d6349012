package io.pulso.core.schedule;

/** A schedule the request asked for cannot be made as given; the message says why (a 400 in the API). */
public class InvalidScheduleException extends RuntimeException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
