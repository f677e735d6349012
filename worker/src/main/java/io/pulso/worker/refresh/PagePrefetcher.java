package io.pulso.worker.refresh;

import io.pulso.core.catalog.TableSchema;
import io.pulso.core.concurrent.DaemonThreads;
import io.pulso.worker.load.EncodedPage;
import io.pulso.worker.load.PageLoader;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.WarehouseException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads and encodes the next page of a result on one background thread while the caller writes the current one, so
 * the warehouse read and the client's encoding overlap the database write. At most one page is read ahead: memory
 * stays at two pages.
 * A failed read surfaces from {@link #take} exactly as a direct read would throw it, so error classification
 * does not change; the read-ahead is only a hint, and a page never asked for is simply dropped.
 */
public final class PagePrefetcher implements AutoCloseable {

    private final Warehouse warehouse;
    private final ExtractionHandle handle;
    private final int pageSize;
    private final PageLoader loader;
    private final TableSchema schema;
    private final ExecutorService reader;
    private String aheadToken;
    private Future<EncodedPage> ahead;

    public PagePrefetcher(Warehouse warehouse, ExtractionHandle handle, int pageSize, PageLoader loader, TableSchema schema) {
        this.warehouse = warehouse;
        this.handle = handle;
        this.pageSize = pageSize;
        this.loader = loader;
        this.schema = schema;
        this.reader = Executors.newSingleThreadExecutor(DaemonThreads.named("page-prefetch"));
    }

    /** Starts reading the page at {@code token} in the background, unless it is already being read. */
    public void readAhead(String token) {
        if (ahead != null && Objects.equals(aheadToken, token)) {
            return;
        }
        drop();
        aheadToken = token;
        ahead = reader.submit(() -> read(token));
    }

    /** The page at {@code token}: the one read ahead if it is that one, else read now on the caller's thread. */
    public EncodedPage take(String token) {
        if (ahead == null || !Objects.equals(aheadToken, token)) {
            drop();
            return read(token);
        }
        Future<EncodedPage> pending = ahead;
        ahead = null;
        aheadToken = null;
        try {
            return pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw WarehouseException.retryable("read", "reading page " + token + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for page " + token);
        }
    }

    private EncodedPage read(String token) {
        return loader.encode(schema, warehouse.readPage(handle, token, pageSize));
    }

    private void drop() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
            aheadToken = null;
        }
    }

    @Override
    public void close() {
        drop();
        reader.shutdownNow();
    }
}
