package io.pulso.worker.warehouse;

import io.pulso.core.catalog.TableDefinition;

/**
 * A source of extraction results. Two steps, so that any worker can read any page after a crash: run the
 * extraction once per run (its result is kept as one consistent snapshot), then read that result page by page
 * by token.
 */
public interface Warehouse {

    /**
     * Runs the table's extraction for the window and keeps its result. Idempotent per {@code runId}: a second
     * call for the same run finds the result already kept and returns the same handle without running again.
     * While waiting for a long extraction, call {@code heartbeat} now and then (at least every 30 s) so the
     * orchestrator knows the worker is alive.
     */
    ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId, Heartbeat heartbeat);

    /** {@link #runExtraction(TableDefinition, ExtractionWindow, String, Heartbeat)} with nobody to tell. */
    default ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId) {
        return runExtraction(table, window, runId, Heartbeat.NONE);
    }

    /**
     * Reads one page of a kept result. {@code pageToken} is null for the first page; the page's
     * {@link Page#nextPageToken()} is null after the last one. Reading the same token twice returns the same rows.
     */
    Page readPage(ExtractionHandle handle, String pageToken, int pageSize);

    /** Drops a kept result once its run is over. Safe to call twice. */
    void release(ExtractionHandle handle);

    /** Short name for logs and the API ("demo", "bigquery"). */
    String name();
}
