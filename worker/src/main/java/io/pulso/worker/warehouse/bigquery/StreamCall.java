package io.pulso.worker.warehouse.bigquery;

import com.google.api.gax.rpc.ServerStream;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import io.pulso.worker.warehouse.WarehouseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One ReadRows call on one stream, read page after page. A page stops once it is full and one more row shows the
 * stream goes on; that row (with the rest of its batch) stays here, so the stream's next page is read from the same
 * call, without a new RPC. Used by one thread at a time; any failure cancels the call, which is then done.
 */
final class StreamCall {

    /** A page's rows, and whether its stream goes on after them. */
    record Chunk(List<Object[]> rows, boolean more) {
    }

    private final String stream;
    private final ServerStream<ReadRowsResponse> responses;
    private final Iterator<ReadRowsResponse> iterator;
    private long offset;
    private long skip;
    private ReadRowsResponse pending;
    private int pendingFrom;
    private volatile boolean timedOut;

    private StreamCall(String stream, ServerStream<ReadRowsResponse> responses, long offset, long skip) {
        this.stream = stream;
        this.responses = responses;
        this.iterator = responses.iterator();
        this.offset = offset;
        this.skip = skip;
    }

    /**
     * A ReadRows call of {@code stream} whose first page starts at {@code offset}. {@code fromStart} reads the stream
     * from offset 0 and skips to it: ReadRows promises an offset only below rows the stream has already served, which
     * a new session's stream has not.
     */
    static StreamCall open(BigQueryReadClient client, String stream, long offset, boolean fromStart) {
        ReadRowsRequest request = ReadRowsRequest.newBuilder().setReadStream(stream).setOffset(fromStart ? 0 : offset).build();
        return new StreamCall(stream, client.readRowsCallable().call(request), offset, fromStart ? offset : 0);
    }

    String stream() {
        return stream;
    }

    /** The ReadRows offset of the row this call gives next: where its next page starts. */
    long offset() {
        return offset;
    }

    /**
     * Reads the page at {@link #offset()}: up to {@code pageSize} rows. A page that takes longer than {@code timeout}
     * has its call cancelled and fails retryable, as a stalled stream must: the load's retry reads it again from its
     * offset. The call's own gRPC deadline spans pages, so this wait is the page's bound.
     */
    Chunk page(Schema schema, List<String> columns, int pageSize, BufferAllocator allocator, String resultId,
               ScheduledExecutorService timer, Duration timeout) {
        long start = offset;
        ScheduledFuture<?> alarm = timer.schedule(this::timeOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean done = false;
        try {
            Chunk chunk = read(schema, columns, pageSize, allocator, resultId);
            done = true;
            return chunk;
        } catch (RuntimeException e) {
            if (timedOut) {
                throw timeout(resultId, start, timeout, e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
            if (!done) {
                cancel(); // failed or interrupted: let the server stop sending
            }
        }
    }

    private Chunk read(Schema schema, List<String> columns, int pageSize, BufferAllocator allocator, String resultId) {
        List<Object[]> rows = new ArrayList<>(pageSize);
        try (ArrowPageDecoder decoder = new ArrowPageDecoder(schema, columns, allocator, resultId)) {
            while (true) {
                ReadRowsResponse response;
                int from;
                if (pending != null) {
                    response = pending;
                    from = pendingFrom;
                    pending = null;
                } else {
                    if (!iterator.hasNext()) {
                        return new Chunk(rows, false); // the stream ended
                    }
                    response = iterator.next();
                    long count = response.getRowCount();
                    if (count == 0 || !response.hasArrowRecordBatch()) {
                        continue;
                    }
                    if (skip >= count) {
                        skip -= count;
                        continue;
                    }
                    from = (int) skip;
                    skip = 0;
                }
                long count = response.getRowCount();
                int wanted = pageSize - rows.size();
                if (wanted == 0) {
                    keep(response, from); // the page is full and the stream goes on
                    return new Chunk(rows, true);
                }
                int take = (int) Math.min(wanted, count - from);
                decoder.decode(response.getArrowRecordBatch(), from, from + take, rows);
                offset += take;
                if (from + take < count) {
                    keep(response, from + take);
                    return new Chunk(rows, true);
                }
            }
        }
    }

    private void keep(ReadRowsResponse response, int from) {
        pending = response;
        pendingFrom = from;
    }

    private void timeOut() {
        timedOut = true;
        cancel();
    }

    void cancel() {
        responses.cancel();
    }

    private WarehouseException timeout(String resultId, long at, Duration timeout, RuntimeException cause) {
        return WarehouseException.retryable("readApi", "reading result " + resultId + ": " + stream + " sent no page at offset "
                + at + " within BIGQUERY_READ_PAGE_TIMEOUT (" + timeout.toSeconds() + " s); the call was cancelled", cause);
    }
}
