package io.pulso.worker.warehouse.bigquery;

import io.pulso.core.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The next page of a stream, read in the background from the ReadRows call its last page was read on, so that page
 * costs no new RPC and its rows are there when asked for. One slot per stream (by full stream name, so per session),
 * at most {@link #MAX_PAGES} in all on this worker: memory stays at that many pages besides the pages being loaded.
 * A slot is taken only by a request for exactly its stream and offset; any other request for the stream drops it.
 */
final class StreamReadAhead implements AutoCloseable {

    /** Pages read ahead at once on a worker, across its runs and streams. */
    static final int MAX_PAGES = 4;

    /** A page of {@code pageSize} rows being read, or read, at {@code offset} of {@code call}'s stream. */
    record Slot(String resultId, long offset, int pageSize, StreamCall call, Future<StreamCall.Chunk> page,
                long startedNanos) {
    }

    private final Duration staleAfter;
    private final ExecutorService readers;
    private final Map<String, Slot> slots = new HashMap<>();

    /** {@code staleAfter}: a full set of slots evicts those started longer ago (nobody came for them). */
    StreamReadAhead(Duration staleAfter) {
        this.staleAfter = staleAfter;
        this.readers = Executors.newFixedThreadPool(MAX_PAGES, DaemonThreads.numbered("readapi-read-ahead-"));
    }

    /**
     * The slot of {@code stream} if it holds the page at {@code offset} of {@code pageSize} rows; null otherwise, and a
     * slot holding another page of the stream is dropped (its call cancelled): the page will be read directly from its
     * own offset.
     */
    synchronized Slot take(String stream, long offset, int pageSize) {
        Slot slot = slots.remove(stream);
        if (slot != null && (slot.offset() != offset || slot.pageSize() != pageSize)) {
            drop(slot);
            return null;
        }
        return slot;
    }

    /**
     * Starts reading the page at {@code call}'s offset with {@code read}, if a slot is free; otherwise cancels the
     * call, whose stream's next page will then be read by a new ReadRows call.
     */
    synchronized void offer(String resultId, int pageSize, StreamCall call, Callable<StreamCall.Chunk> read) {
        if (slots.size() >= MAX_PAGES) {
            evictStale();
        }
        Slot replaced = slots.get(call.stream());
        if (replaced != null) {
            drop(replaced);
            slots.remove(call.stream());
        }
        if (slots.size() >= MAX_PAGES) {
            call.cancel();
            return;
        }
        try {
            slots.put(call.stream(), new Slot(resultId, call.offset(), pageSize, call, readers.submit(read),
                    System.nanoTime()));
        } catch (RejectedExecutionException e) {
            call.cancel(); // closing
        }
    }

    /** Drops the slots of a result whose run is over. */
    synchronized void forget(String resultId) {
        for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (slot.resultId().equals(resultId)) {
                drop(slot);
                it.remove();
            }
        }
    }

    /** Drops the slots of an expired session: no page of it will be asked for again. */
    synchronized void forgetSession(String session) {
        String prefix = session + "/streams/";
        for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (slot.call().stream().startsWith(prefix)) {
                drop(slot);
                it.remove();
            }
        }
    }

    synchronized int size() {
        return slots.size();
    }

    private void evictStale() {
        long now = System.nanoTime();
        for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (now - slot.startedNanos() > staleAfter.toNanos()) {
                drop(slot);
                it.remove();
            }
        }
    }

    private static void drop(Slot slot) {
        slot.call().cancel();
        slot.page().cancel(false);
    }

    /** Cancels every call and stops the readers, waiting briefly for them to let go of their Arrow buffers. */
    @Override
    public void close() {
        synchronized (this) {
            slots.values().forEach(StreamReadAhead::drop);
            slots.clear();
        }
        readers.shutdownNow();
        try {
            readers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
