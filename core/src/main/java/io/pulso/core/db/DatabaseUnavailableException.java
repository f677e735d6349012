package io.pulso.core.db;

/** The database cannot be reached (or went away). */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
