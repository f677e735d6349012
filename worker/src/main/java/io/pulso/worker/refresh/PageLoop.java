package io.pulso.worker.refresh;

import io.pulso.core.catalog.TableSchema;
import io.pulso.core.concurrent.DaemonThreads;
import io.pulso.core.refresh.RowCounts;
import io.pulso.worker.load.EncodedPage;
import io.pulso.worker.load.PageLoader;
import io.pulso.worker.load.PageOutcome;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.Warehouse;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The page loop of a LoadPages activity: the pages of one result, in order from a cursor, each in its own
 * transaction. Two pages load at once on two connections, because a page's work is one server backend's and the
 * server has more cores; a page that shares a key with the one before it (or whose keys cannot be told apart in
 * Java) waits for it, so the last occurrence of a key still wins. Pages are reported in page order, each once it
 * and every page before it have committed, so a cursor taken from a report never skips an uncommitted page; after
 * a crash the ledger tells which later pages were committed anyway. Whatever ends the loop (a failure, a cancel
 * thrown by the report), it first waits for the pages in flight, so none is left loading behind the caller.
 */
public final class PageLoop implements AutoCloseable {

    /** Pages loading at once: one per core of a small database server; more would mostly queue on its disk. */
    public static final int PAGES_IN_FLIGHT = 2;

    /** Told of each committed page, in page order, on the caller's thread; may throw to stop the loop. */
    @FunctionalInterface
    public interface Committed {
        void accept(PageOutcome outcome, PageCursor next);
    }

    private record Started(int index, String nextToken, Future<PageOutcome> outcome, Set<List<Object>> keys) {
    }

    private final PageLoader loader;
    private final PagePrefetcher prefetcher;
    private final ExecutorService writers;
    private final String runId;
    private final boolean trackKeys;
    private final RunKeyDigests digests;
    private PageCursor position;

    /**
     * @param trackKeys record each page's keys (the table deletes vanished rows)
     * @param digests   told the keys of each page committed with keys Java can tell apart, when {@code trackKeys}
     */
    public PageLoop(PageLoader loader, Warehouse warehouse, ExtractionHandle handle, TableSchema schema, int pageSize,
                    String runId, boolean trackKeys, RunKeyDigests digests) {
        this.loader = loader;
        this.prefetcher = new PagePrefetcher(warehouse, handle, pageSize, loader, schema);
        this.writers = Executors.newFixedThreadPool(PAGES_IN_FLIGHT, DaemonThreads.named("page-writer"));
        this.runId = runId;
        this.trackKeys = trackKeys;
        this.digests = digests;
    }

    /** The first page not yet reported committed: where a failed loop resumes. */
    public PageCursor position() {
        return position;
    }

    /**
     * Loads from {@code cursor} to the last page, or until {@code maxPages} have been started and loaded, or no page
     * is in flight once {@code moreTime} says no. At least one page is loaded.
     */
    public LoadBatch run(PageCursor cursor, int maxPages, BooleanSupplier moreTime, Committed committed) throws SQLException {
        Deque<Started> started = new ArrayDeque<>();
        position = cursor;
        PageCursor next = cursor;
        boolean lastStarted = false;
        int startedCount = 0;
        int pages = 0;
        RowCounts counts = RowCounts.ZERO;
        try {
            while (true) {
                while (!lastStarted && started.size() < PAGES_IN_FLIGHT && startedCount < maxPages
                        && (startedCount == 0 || moreTime.getAsBoolean())) {
                    // Read ahead only a page this batch will load: the last page of a batch is read by the next one.
                    Started page = start(next, started.peekLast(), startedCount + 1 < maxPages);
                    started.add(page);
                    startedCount++;
                    lastStarted = page.nextToken() == null;
                    next = new PageCursor(next.pageIndex() + 1, page.nextToken());
                }
                if (started.isEmpty()) {
                    return new LoadBatch(pages, counts, position, false);
                }
                Started oldest = started.poll();
                PageOutcome outcome = await(oldest.outcome());
                pages++;
                counts = counts.plus(outcome.counts());
                position = new PageCursor(oldest.index() + 1, outcome.nextPageToken());
                committed.accept(outcome, position);
                if (outcome.nextPageToken() == null) {
                    return new LoadBatch(pages, counts, position, true);
                }
            }
        } catch (SQLException | RuntimeException | Error e) {
            settle(started);
            throw e;
        }
    }

    private Started start(PageCursor at, Started previous, boolean readAhead) throws SQLException {
        Optional<PageOutcome> recorded = loader.committed(runId, at.pageIndex());
        if (recorded.isPresent()) {
            return new Started(at.pageIndex(), recorded.get().nextPageToken(), CompletableFuture.completedFuture(recorded.get()),
                    Set.of());
        }
        EncodedPage page = prefetcher.take(at.pageToken());
        if (readAhead && !page.isLast()) {
            prefetcher.readAhead(page.nextPageToken());
        }
        Future<PageOutcome> before = previous == null || disjoint(previous.keys(), page.keys()) ? null : previous.outcome();
        Future<PageOutcome> outcome = writers.submit(() -> {
            if (before != null) {
                before.get(); // a failure of the page before stops this one too
            }
            PageOutcome loaded = loader.load(runId, at.pageIndex(), page, trackKeys);
            if (trackKeys && page.keys() != null) {
                digests.record(runId, at.pageIndex(), page.keys());
            }
            return loaded;
        });
        return new Started(at.pageIndex(), page.nextPageToken(), outcome, page.keys());
    }

    /** Whether the two key sets share no key; an unknown set (null) may share any. */
    private static boolean disjoint(Set<List<Object>> a, Set<List<Object>> b) {
        if (a == null || b == null) {
            return false;
        }
        Set<List<Object>> small = a.size() <= b.size() ? a : b;
        Set<List<Object>> large = small == a ? b : a;
        for (List<Object> key : small) {
            if (large.contains(key)) {
                return false;
            }
        }
        return true;
    }

    private static PageOutcome await(Future<PageOutcome> outcome) throws SQLException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("page load failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while a page was loading");
        }
    }

    /** Waits for every page still in flight, whatever its end: each commits or rolls back on its own. */
    private static void settle(Deque<Started> started) {
        for (Started page : started) {
            try {
                page.outcome().get();
            } catch (ExecutionException e) {
                // its failure is not the one being reported
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        prefetcher.close();
        writers.shutdownNow();
    }
}
