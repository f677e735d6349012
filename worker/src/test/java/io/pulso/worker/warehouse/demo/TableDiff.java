package io.pulso.worker.warehouse.demo;

import java.util.List;

/**
 * The differences between the rows a table should hold and the rows it holds.
 *
 * @param table        table compared
 * @param expectedRows rows expected
 * @param actualRows   rows compared (after scoping to the window)
 * @param problems     every difference found, one readable line each
 */
public record TableDiff(String table, int expectedRows, int actualRows, List<String> problems) {

    public TableDiff {
        problems = List.copyOf(problems);
    }

    public boolean matches() {
        return problems.isEmpty();
    }

    /** A summary line and the first {@code limit} differences. */
    public String describe(int limit) {
        StringBuilder text = new StringBuilder(table).append(": expected ").append(expectedRows).append(" rows, got ")
                .append(actualRows).append(", ").append(problems.size()).append(" difference(s)");
        problems.stream().limit(limit).forEach(p -> text.append("\n  ").append(p));
        if (problems.size() > limit) {
            text.append("\n  ... and ").append(problems.size() - limit).append(" more");
        }
        return text.toString();
    }

    /** Throws an AssertionError listing the first differences, if there is any. */
    public void assertMatches() {
        if (!matches()) {
            throw new AssertionError(describe(20));
        }
    }

    @Override
    public String toString() {
        return describe(5);
    }
}
