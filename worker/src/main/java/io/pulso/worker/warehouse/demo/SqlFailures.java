package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.WarehouseException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts PostgreSQL failures into what a retry can fix (the connection, a serialization conflict, a timeout) and
 * what it cannot (bad SQL, a missing table, no permission, bad data), by SQLState.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    static WarehouseException classify(String action, SQLException e) {
        String state = e.getSQLState();
        String message = action + ": " + e.getMessage() + (state == null ? "" : " (SQLState " + state + ")");
        if (state == null || state.length() < 2) {
            // Pool timeouts and broken sockets may come without a state; their exception type says enough.
            boolean connection = e instanceof SQLTransientException || e instanceof SQLRecoverableException
                    || e instanceof SQLNonTransientConnectionException;
            return WarehouseException.retryable(connection ? "connection" : "database", message, e);
        }
        String stateClass = state.substring(0, 2);
        switch (state) {
            case "57P01", "57P02", "57P03", "53300":
                return WarehouseException.retryable("connection", message, e);
            case "40001", "40P01":
                return WarehouseException.retryable("serialization", message, e);
            case "57014":
                return WarehouseException.retryable("timeout", message, e);
            case "42P01":
                return WarehouseException.permanent("notFound", message, e);
            case "42501":
                return WarehouseException.permanent("permissionDenied", message, e);
            default:
                break;
        }
        return switch (stateClass) {
            case "08" -> WarehouseException.retryable("connection", message, e);
            case "42", "0A" -> WarehouseException.permanent("invalidQuery", message, e);
            case "3F" -> WarehouseException.permanent("notFound", message, e);
            case "28" -> WarehouseException.permanent("permissionDenied", message, e);
            case "22" -> WarehouseException.permanent("invalidData", message, e);
            default -> WarehouseException.retryable("database", message, e);
        };
    }
}
