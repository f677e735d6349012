package io.pulso.core.catalog;

import java.util.List;

/** The database does not match the table catalog; the process must not start. */
public class CatalogMismatchException extends RuntimeException {

    private final List<String> problems;

    public CatalogMismatchException(List<String> problems) {
        super("the table catalog does not match the database:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
