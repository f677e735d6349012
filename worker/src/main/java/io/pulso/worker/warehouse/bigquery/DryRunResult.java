package io.pulso.worker.warehouse.bigquery;

/** What BigQuery says a table's extraction would scan, without running it. */
public record DryRunResult(String table, long bytesProcessed) {
}
