package io.pulso.core.refresh;

/**
 * Live state of a running refresh, answered by the workflow's query.
 *
 * @param phase      starting, extracting, loading, finishing, done
 * @param totalRows  rows in the extraction result, once known (-1 before)
 */
public record RefreshProgress(String runId, String table, String phase, int pagesLoaded, long totalRows, RowCounts counts) {
}
