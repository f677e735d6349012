package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.WarehouseException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/** Binds the extraction parameters {@code :window_from} and {@code :window_to} as SQL dates (null = open bound). */
final class WindowParameters {

    static final String FROM = "window_from";
    static final String TO = "window_to";

    private WindowParameters() {
    }

    /** Binds every placeholder of {@code sql}, starting at JDBC index {@code firstIndex}. */
    static void bind(PreparedStatement statement, NamedParameterSql sql, ExtractionWindow window, int firstIndex)
            throws SQLException {
        int index = firstIndex;
        for (String name : sql.parameterNames()) {
            LocalDate value = switch (name) {
                case FROM -> window.from();
                case TO -> window.to();
                default -> throw WarehouseException.permanent("invalidQuery", "unknown parameter :" + name
                        + " in extraction SQL; only :" + FROM + " and :" + TO + " are provided", null);
            };
            if (value == null) {
                statement.setNull(index, Types.DATE);
            } else {
                statement.setObject(index, value, Types.DATE);
            }
            index++;
        }
    }
}
