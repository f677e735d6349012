package io.pulso.app.demo;

/** How one table's refresh ended in `pulso demo`, as read back from the API. */
public record TableSummary(String table, String runId, String status, long extracted, long inserted, long updated,
                           long unchanged, long deleted, int pages, String windowFrom, String windowTo, String watermark,
                           long durationMs, String error) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
