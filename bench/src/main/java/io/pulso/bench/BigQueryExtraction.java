package io.pulso.bench;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Page;

/**
 * H and I, the extraction alone, no database: the BigQuery warehouse runs the extraction and watermark jobs, then reads
 * and decodes every page into the rows the loader gets, over REST (H) or through the Read API (I). The stand-ins'
 * serving runs in this JVM too, so client CPU includes the source's.
 */
final class BigQueryExtraction implements LoadMethod {

    private static final TableDefinition DASHBOARD = TableCatalog.pulso().require("dashboard_data");

    private final BigQueryStandIns source;
    private int run;

    BigQueryExtraction(long rows, boolean readApi) throws Exception {
        source = new BigQueryStandIns(rows, readApi);
    }

    @Override
    public String load(int variant) {
        source.expect(variant);
        ExtractionHandle handle = source.warehouse().runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "bench-" + ++run);
        long read = 0;
        int pages = 0;
        String token = null;
        do {
            Page page = source.warehouse().readPage(handle, token, DASHBOARD.pageSize());
            read += page.rows().size();
            pages++;
            token = page.nextPageToken();
        } while (token != null);
        if (read != handle.totalRows()) {
            throw new IllegalStateException("read " + read + " rows of " + handle.totalRows());
        }
        return read + " rows in " + pages + " pages";
    }

    @Override
    public void afterCase() {
        source.prepareNext();
    }

    @Override
    public void close() {
        source.close();
    }
}
