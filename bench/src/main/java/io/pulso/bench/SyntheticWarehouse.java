package io.pulso.bench;

import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Heartbeat;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * A warehouse whose result is {@link DashboardRows} 0..rows-1, paged by {@code row:<n>} tokens like the demo
 * warehouse. Reading a page only computes its rows, so the benchmark measures the load, not a source.
 */
final class SyntheticWarehouse implements Warehouse {

    private final long rows;
    private volatile int variant;

    SyntheticWarehouse(long rows) {
        this.rows = rows;
    }

    void variant(int variant) {
        this.variant = variant;
    }

    @Override
    public ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId, Heartbeat heartbeat) {
        return new ExtractionHandle("synthetic-" + rows + "-v" + variant, rows, DashboardRows.day(rows - 1), DashboardRows.COLUMNS);
    }

    @Override
    public Page readPage(ExtractionHandle handle, String pageToken, int pageSize) {
        long from = pageToken == null ? 0 : Long.parseLong(pageToken.substring("row:".length()));
        long to = Math.min(rows, from + pageSize);
        int v = Integer.parseInt(handle.resultId().substring(handle.resultId().lastIndexOf('v') + 1));
        List<Object[]> page = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            page.add(DashboardRows.row(i, v));
        }
        return new Page(DashboardRows.COLUMNS, page, to < rows ? "row:" + to : null);
    }

    @Override
    public void release(ExtractionHandle handle) {
        // nothing is kept
    }

    @Override
    public String name() {
        return "synthetic";
    }
}
