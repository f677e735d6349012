package io.pulso.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.worker.load.PageLoader;
import io.pulso.worker.refresh.LoadBatch;
import io.pulso.worker.refresh.PageCursor;
import io.pulso.worker.refresh.PageLoop;
import io.pulso.worker.refresh.RunKeyDigests;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import java.sql.Connection;
import java.time.Instant;

/**
 * C, the project's load path without Temporal: the page loop of the LoadPages activity ({@link PageLoop}: ledger
 * check, the next page read and encoded ahead, two pages with disjoint keys loading at once, one transaction per page
 * with the catalog's page size, run keys kept because {@code dashboard_data} deletes vanished rows) over the synthetic
 * warehouse.
 */
final class PageLoadPath implements LoadMethod {

    private final HikariDataSource pool;
    private final TableSchema schema;
    private final SyntheticWarehouse warehouse;
    private final PageLoader loader;
    private final boolean trackKeys;
    private final RunKeyDigests digests = new RunKeyDigests();
    private int run;
    private String lastRunId;

    /** @param trackKeys as the workflow does for dashboard_data; false measures what the run keys cost */
    PageLoadPath(BenchDatabase db, long rows, boolean trackKeys) {
        this.pool = db.pool("bench-load-path", 4);
        this.schema = db.dashboardSchema(pool);
        this.warehouse = new SyntheticWarehouse(rows);
        this.loader = new PageLoader(pool);
        this.trackKeys = trackKeys && schema.definition().deleteVanished();
    }

    @Override
    public String load(int variant) throws Exception {
        TableDefinition table = schema.definition();
        String runId = "bench-" + ProcessHandle.current().pid() + "-" + (++run);
        warehouse.variant(variant);
        ExtractionHandle handle = warehouse.runExtraction(table, ExtractionWindow.unbounded(), runId);
        // The run owns the table, as after BeginRun: every page proves it (the fence), as in production.
        try (Connection c = pool.getConnection()) {
            new WatermarkRepository(pool).markRunning(c, table.name(), runId, Instant.now());
        }
        RowCounts counts = RowCounts.ZERO;
        try (PageLoop loop = new PageLoop(loader, warehouse, handle, schema, table.pageSize(), runId, trackKeys,
                digests)) {
            PageCursor cursor = PageCursor.first();
            LoadBatch batch;
            do {
                batch = loop.run(cursor, Integer.MAX_VALUE, () -> true, (outcome, next) -> { });
                counts = counts.plus(batch.counts());
                cursor = batch.next();
            } while (!batch.done());
        }
        lastRunId = runId;
        return counts.toString();
    }

    /** The finish step forgets a run's keys; C stops at the pages, so it is done here, untimed. */
    @Override
    public void afterCase() throws Exception {
        if (!trackKeys) {
            return;
        }
        try (var c = pool.getConnection()) {
            PageLoader.forgetKeys(c, lastRunId);
        }
        digests.forget(lastRunId);
    }

    @Override
    public void close() {
        pool.close();
    }
}
