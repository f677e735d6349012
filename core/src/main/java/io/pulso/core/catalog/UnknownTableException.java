package io.pulso.core.catalog;

import java.util.Collection;

/** A table name that is not in the catalog. */
public class UnknownTableException extends RuntimeException {

    private final String table;

    public UnknownTableException(String table, Collection<String> known) {
        super("table '" + table + "' is not configured; known tables: " + String.join(", ", known));
        this.table = table;
    }

    public String table() {
        return table;
    }
}
