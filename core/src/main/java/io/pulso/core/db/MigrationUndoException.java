package io.pulso.core.db;

/** A rollback that could not be done; the database is as it was. */
public final class MigrationUndoException extends RuntimeException {

    public MigrationUndoException(String message) {
        super(message);
    }

    public MigrationUndoException(String message, Throwable cause) {
        super(message, cause);
    }
}
