package io.pulso.worker.warehouse.bigquery;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ServerStream;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.WarehouseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a kept result through the Storage Read API. The result's pages are laid out stream after stream: stream 0
 * from offset 0 in pages of {@code pageSize} rows, then stream 1, and so on, each page named by a
 * {@link ReadApiToken} (stream position and ReadRows offset). A page is one ReadRows call from its offset that stops
 * once the page is full and one more row shows the stream goes on, so the same token always reads the same rows,
 * on any worker, and a retry resumes exactly at the first page not committed.
 *
 * <p>A token names its session and streams, so a page read by another worker (a retry elsewhere, a restarted
 * worker) reads the same stream of the same session; that worker opens a session of its own only to learn the
 * table's Arrow schema. A session that expired (after about 6 h) is replaced by a new one on the same table asking
 * for the same number of streams, and the page maps to the same stream position and offset there, read from that
 * stream's start (ReadRows promises only offsets below rows already served). BigQuery does
 * not promise that two sessions split a table alike: a new session with a different number of streams fails the
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

        /** The page at {@code offset} of the stream at {@code stream}, named in this session. */
        ReadApiToken token(int stream, long offset) {
            List<String> ids = session.getStreamsList().stream()
                    .map(s -> s.getName().substring(s.getName().lastIndexOf("/streams/") + "/streams/".length())).toList();
            return new ReadApiToken(session.getName(), ids, stream, offset);
        }
    }

    /** Open a new session this long before the one kept expires, so no page read runs into the expiry. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(10);

    private final BigQueryReadClient client;
    private final ReadApiConfig config;
    private final String jobProject;
    private final Clock clock;
    private final BufferAllocator allocator = new RootAllocator();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    ReadApiPages(BigQueryReadClient client, ReadApiConfig config, String jobProject, Clock clock) {
        this.client = client;
        this.config = config;
        this.jobProject = jobProject;
        this.clock = clock;
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
            at = session.token(0, 0);
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
            Chunk chunk;
            try {
                chunk = readStream(schema, at, renewed, columns, pageSize, resultId);
            } catch (ApiException e) {
                if (!renewed && sessionGone(e)) {
                    // The session expired: a new one on the same table maps the page by stream position and offset.
                    Session renewedSession = session(result, at, true);
                    at = renewedSession.token(at.stream(), at.offset());
                    schema = renewedSession.schema();
                    renewed = true;
                    continue;
                }
                throw failure("reading result " + resultId + " " + at, e);
            }
            if (chunk.rows().isEmpty() && !chunk.more() && at.stream() + 1 < at.streams()) {
                at = at.at(at.stream() + 1, 0); // an empty stream: the page starts on the next one
                continue;
            }
            String next;
            if (chunk.more()) {
                next = at.at(at.stream(), at.offset() + chunk.rows().size()).text();
            } else if (at.stream() + 1 < at.streams()) {
                next = at.at(at.stream() + 1, 0).text();
            } else {
                next = null;
            }
            return new Page(columns, chunk.rows(), next);
        }
    }

    private record Chunk(List<Object[]> rows, boolean more) {
    }

    /**
     * Reads the page at {@code at}. {@code fromStart} reads the stream from offset 0 and skips to the page: ReadRows
     * promises an offset only below rows the stream has already served, which a new session's stream has not.
     */
    private Chunk readStream(Schema schema, ReadApiToken at, boolean fromStart, List<String> columns, int pageSize,
                             String resultId) {
        long skip = fromStart ? at.offset() : 0;
        ReadRowsRequest request = ReadRowsRequest.newBuilder().setReadStream(at.streamName())
                .setOffset(at.offset() - skip).build();
        GrpcCallContext context = GrpcCallContext.createDefault().withTimeoutDuration(config.pageTimeout());
        List<Object[]> rows = new ArrayList<>(pageSize);
        boolean more = false;
        boolean ended = false;
        ServerStream<ReadRowsResponse> responses = client.readRowsCallable().call(request, context);
        try (ArrowPageDecoder decoder = new ArrowPageDecoder(schema, columns, allocator, resultId)) {
            for (ReadRowsResponse response : responses) {
                long count = response.getRowCount();
                if (count == 0 || !response.hasArrowRecordBatch()) {
                    continue;
                }
                if (skip >= count) {
                    skip -= count;
                    continue;
                }
                int from = (int) skip;
                skip = 0;
                int wanted = pageSize - rows.size();
                if (wanted == 0) {
                    more = true; // the page is full and the stream goes on
                    break;
                }
                int take = (int) Math.min(wanted, count - from);
                decoder.decode(response.getArrowRecordBatch(), from, from + take, rows);
                if (from + take < count) {
                    more = true;
                    break;
                }
            }
            ended = !more;
        } finally {
            if (!ended) {
                responses.cancel(); // stopped early, or failed: let the server stop sending
            }
        }
        return new Chunk(rows, more);
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
                .setMaxStreamCount(config.maxStreams())
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

    /** Drops the session kept for a result whose run is over. */
    void forget(String resultId) {
        sessions.remove(resultId);
    }

    void close() {
        client.close();
        allocator.close();
    }
}
