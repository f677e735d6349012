package io.pulso.worker.warehouse.bigquery;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import io.pulso.core.concurrent.DaemonThreads;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.WarehouseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a kept result through the Storage Read API. The result's pages are laid out round robin over the session's
 * streams: a page of stream 0, one of stream 1, ..., then stream 0 again, each of {@code pageSize} rows from the
 * stream's next offset, skipping streams that ended; each page is named by a {@link ReadApiToken} (its stream and the
 * ReadRows offset of every stream). A page stops once it is full and one more row shows the stream goes on, so the same
 * token always reads the same rows, on any worker, and a retry resumes exactly at the first page not committed. Older
 * {@code readapi:} tokens keep their stream-after-stream layout to the end of their run.
 *
 * <p>Each stream is read on one ReadRows call across its pages: once a page is served and its stream goes on, the
 * stream's next page is read in the background from the same call ({@link StreamReadAhead}, bounded), so the streams
 * load side by side and a page pays no call's start. A request for exactly that page takes it; any other page is read
 * by a new call at its own offset. Every page's wait is bounded by {@code BIGQUERY_READ_PAGE_TIMEOUT}.
 *
 * <p>A token names its session and streams, so a page read by another worker (a retry elsewhere, a restarted
 * worker) reads the same stream of the same session; that worker opens a session of its own only to learn the
 * table's Arrow schema. A session that expired (after about 6 h) is replaced by a new one on the same table asking
 * for the same number of streams, and the page maps to the same stream position and offsets there; each stream of the
 * new session is read from its start the first time (ReadRows promises only offsets below rows already served). BigQuery
 * does not promise that two sessions split a table alike: a new session with a different number of streams fails the
 * run by name rather than load a different split, and the run's exact count check stands behind the rest.
 */
final class ReadApiPages {

    /** Opening the session was refused: the API is not enabled or the identity lacks bigquery.readsessions.*. */
    static final class Refused extends RuntimeException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Session(ReadSession session, Schema schema, Instant expires) {
        int streams() {
            return session.getStreamsCount();
        }

        List<String> streamIds() {
            return session.getStreamsList().stream()
                    .map(s -> s.getName().substring(s.getName().lastIndexOf("/streams/") + "/streams/".length())).toList();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReadApiPages.class);

    /** Open a new session this long before the one kept expires, so no page read runs into the expiry. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(10);

    private final BigQueryReadClient client;
    private final ReadApiConfig config;
    private final String jobProject;
    private final Clock clock;
    private final BufferAllocator allocator = new RootAllocator();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final StreamReadAhead readAhead;
    private final ScheduledThreadPoolExecutor timer;

    ReadApiPages(BigQueryReadClient client, ReadApiConfig config, String jobProject, Clock clock) {
        this.client = client;
        this.config = config;
        this.jobProject = jobProject;
        this.clock = clock;
        this.readAhead = new StreamReadAhead(config.pageTimeout());
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("readapi-page-timeout"));
        timer.setRemoveOnCancelPolicy(true); // a page's alarm is cancelled once it is read: do not keep them queued
    }

    Page read(TableId result, List<String> columns, String pageToken, int pageSize) {
        String resultId = BigQueryWarehouse.qualified(result);
        ReadApiToken at;
        Schema schema;
        if (pageToken == null) {
            Session session = session(result, null, false);
            if (session.streams() == 0) {
                return new Page(columns, List.of(), null); // an empty result has no stream
            }
            at = ReadApiToken.first(session.session().getName(), session.streamIds());
            schema = session.schema();
        } else {
            // The token names its session and streams; this worker needs only the table's Arrow schema.
            at = ReadApiToken.parse(pageToken);
            Session kept = sessions.get(resultId);
            schema = (kept != null && kept.schema() != null ? kept : session(result, at, false, false)).schema();
            if (schema == null) {
                throw WarehouseException.permanent("readSessionChanged", "result " + resultId + ": a read session on it has no "
                        + "stream, though the run's page token names " + at, null);
            }
        }
        boolean renewed = false;
        while (true) {
            StreamCall.Chunk chunk;
            try {
                chunk = readPage(schema, at, columns, pageSize, resultId);
            } catch (ApiException e) {
                if (!renewed && sessionGone(e)) {
                    // The session expired: a new one on the same table maps the page by stream position and offsets.
                    Session renewedSession = session(result, at, true);
                    readAhead.forgetSession(at.session());
                    at = at.in(renewedSession.session().getName(), renewedSession.streamIds());
                    schema = renewedSession.schema();
                    renewed = true;
                    continue;
                }
                throw failure("reading result " + resultId + " " + at, e);
            }
            if (chunk.rows().isEmpty() && !chunk.more()) {
                ReadApiToken following = at.next(0, true);
                if (following != null) {
                    at = following; // an empty stream: the page starts on the next one
                    continue;
                }
            }
            ReadApiToken next = at.next(chunk.rows().size(), !chunk.more());
            return new Page(columns, chunk.rows(), next == null ? null : next.text());
        }
    }

    /**
     * The page at {@code at}: the one read ahead on its stream's call if it is that page, else read now by a new
     * ReadRows call from its offset. When the stream goes on, its next page is read ahead on the same call.
     */
    private StreamCall.Chunk readPage(Schema schema, ReadApiToken at, List<String> columns, int pageSize, String resultId) {
        StreamReadAhead.Slot slot = readAhead.take(at.streamName(), at.offset(), pageSize);
        StreamCall.Chunk ahead = slot == null ? null : await(slot, at, resultId);
        StreamCall call = ahead != null ? slot.call() : StreamCall.open(client, at.streamName(), at.offset(), at.fromStart());
        StreamCall.Chunk chunk = ahead != null ? ahead
                : call.page(schema, columns, pageSize, allocator, resultId, timer, config.pageTimeout());
        if (chunk.more()) {
            readAhead.offer(resultId, pageSize, call, () -> call.page(schema, columns, pageSize, allocator, resultId, timer,
                    config.pageTimeout()));
        }
        return chunk;
    }

    /**
     * The page read ahead in {@code slot}, waited for at most the page timeout; null when the read ahead failed or was
     * dropped (a broken or idle-closed call, an expired session): the page is then read directly from its offset by a
     * new call, which fails as any direct read does if the cause persists.
     */
    private StreamCall.Chunk await(StreamReadAhead.Slot slot, ReadApiToken at, String resultId) {
        try {
            return slot.page().get(config.pageTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CancellationException e) {
            slot.call().cancel();
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            log.info("result {}: the page read ahead at {} failed ({}); reading it again directly", resultId, at,
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return null;
        } catch (TimeoutException e) {
            slot.call().cancel();
            throw WarehouseException.retryable("readApi", "reading result " + resultId + ": " + at.streamName()
                    + " sent no page at offset " + at.offset() + " within BIGQUERY_READ_PAGE_TIMEOUT ("
                    + config.pageTimeout().toSeconds() + " s); the call was cancelled", e);
        } catch (InterruptedException e) {
            slot.call().cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for page " + at + " of result " + resultId);
        }
    }

    private Session session(TableId result, ReadApiToken expected, boolean renew) {
        return session(result, expected, renew, true);
    }

    /**
     * The session kept for {@code result}, or a new one. {@code expected}, when {@code mapping}, is a page the
     * session must be able to map (same number of streams); a session opened only for the schema need not.
     */
    private Session session(TableId result, ReadApiToken expected, boolean renew, boolean mapping) {
        String resultId = BigQueryWarehouse.qualified(result);
        Session kept = sessions.get(resultId);
        if (!renew && kept != null && clock.instant().isBefore(kept.expires().minus(EXPIRY_MARGIN))) {
            return mapping ? check(kept, expected, resultId) : kept;
        }
        CreateReadSessionRequest request = CreateReadSessionRequest.newBuilder()
                .setParent("projects/" + jobProject)
                .setReadSession(ReadSession.newBuilder()
                        .setTable("projects/" + result.getProject() + "/datasets/" + result.getDataset() + "/tables/" + result.getTable())
                        .setDataFormat(DataFormat.ARROW))
                // A session replacing the one a run's pages were laid out in asks for as many streams as that one had
                // (BIGQUERY_READ_STREAMS may have changed since, by a deploy), so that its pages can be mapped.
                .setMaxStreamCount(mapping && expected != null ? expected.streams() : config.maxStreams())
                .build();
        ReadSession created;
        try {
            created = client.createReadSession(request);
        } catch (ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            if (code == StatusCode.Code.PERMISSION_DENIED || code == StatusCode.Code.UNIMPLEMENTED) {
                throw new Refused("opening a read session on result " + resultId + " was refused (" + code + ": "
                        + e.getMessage() + "); the Read API needs the BigQuery Storage API enabled and the "
                        + "bigquery.readsessions.create and bigquery.readsessions.getData permissions", e);
            }
            throw failure("opening a read session on result " + resultId, e);
        }
        Instant expires = created.hasExpireTime()
                ? Instant.ofEpochSecond(created.getExpireTime().getSeconds(), created.getExpireTime().getNanos())
                : clock.instant().plus(Duration.ofHours(6));
        Session session = new Session(created, created.getStreamsCount() == 0 ? null
                : ArrowPageDecoder.schema(created.getArrowSchema().getSerializedSchema()), expires);
        sessions.put(resultId, session);
        return mapping ? check(session, expected, resultId) : session;
    }

    private static Session check(Session session, ReadApiToken expected, String resultId) {
        if (expected != null && session.streams() != expected.streams()) {
            throw WarehouseException.permanent("readSessionChanged", "result " + resultId + ": a new read session splits it into "
                    + session.streams() + " streams where the run's pages were laid out over " + expected.streams()
                    + "; its pages cannot be mapped, run the refresh again (or set BIGQUERY_READ_API=off)", null);
        }
        return session;
    }

    /** A stream of a session that expired or was dropped: BigQuery answers NOT_FOUND or FAILED_PRECONDITION. */
    private static boolean sessionGone(ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        return code == StatusCode.Code.NOT_FOUND || code == StatusCode.Code.FAILED_PRECONDITION;
    }

    private static WarehouseException failure(String what, ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        String message = what + ": " + code + " " + e.getMessage();
        return switch (code) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> WarehouseException.permanent("accessDenied", message, e);
            case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, UNIMPLEMENTED ->
                    WarehouseException.permanent("readApi", message, e);
            default -> WarehouseException.retryable("readApi", message, e); // UNAVAILABLE, DEADLINE_EXCEEDED, ...
        };
    }

    /** Drops the session kept, and the pages read ahead, for a result whose run is over. */
    void forget(String resultId) {
        sessions.remove(resultId);
        readAhead.forget(resultId);
    }

    /** Pages read ahead and not yet taken (for tests). */
    int pagesReadAhead() {
        return readAhead.size();
    }

    void close() {
        readAhead.close();
        timer.shutdownNow();
        client.close();
        allocator.close();
    }
}
