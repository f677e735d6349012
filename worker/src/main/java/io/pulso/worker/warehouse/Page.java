package io.pulso.worker.warehouse;

import java.util.List;

/**
 * One page of an extraction result. Values are plain Java types: {@code String}, {@code Long}, {@code Integer},
 * {@code Double}, {@code java.math.BigDecimal}, {@code Boolean}, {@code java.time.LocalDate},
 * {@code java.time.LocalDateTime}, {@code java.time.Instant} (or {@code OffsetDateTime}), or null.
 *
 * @param columns       column names, the order of every row's values
 * @param rows          the rows of this page
 * @param nextPageToken token of the following page, null after the last page
 */
public record Page(List<String> columns, List<Object[]> rows, String nextPageToken) {

    public Page {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public boolean isLast() {
        return nextPageToken == null;
    }
}
