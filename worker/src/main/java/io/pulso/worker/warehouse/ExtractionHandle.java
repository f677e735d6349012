package io.pulso.worker.warehouse;

import java.time.LocalDate;
import java.util.List;

/**
 * A kept extraction result, small enough to travel through Temporal (rows never do).
 *
 * @param resultId       where the result is kept (a BigQuery job id / destination table, a demo result table)
 * @param totalRows      rows in the result
 * @param maxIncremental largest value of the table's incremental column in the result; null when empty.
 *                       Taken from the result itself, so the watermark matches the data loaded.
 * @param columns        result column names, in order
 */
public record ExtractionHandle(String resultId, long totalRows, LocalDate maxIncremental, List<String> columns) {

    public ExtractionHandle {
        columns = List.copyOf(columns);
    }
}
