package io.pulso.worker.warehouse;

import java.time.LocalDate;

/**
 * Inclusive date bounds of an extraction on the table's incremental column. A null bound is open: a null
 * {@code from} reads the whole source history, a null {@code to} reads up to the newest data.
 */
public record ExtractionWindow(LocalDate from, LocalDate to) {

    public ExtractionWindow {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("window from " + from + " is after to " + to);
        }
    }

    public static ExtractionWindow unbounded() {
        return new ExtractionWindow(null, null);
    }
}
