package io.pulso.worker.warehouse.bigquery;

import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.storage.v1.ArrowRecordBatch;
import com.google.cloud.bigquery.storage.v1.ArrowSchema;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.BigQueryReadGrpc;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import com.google.cloud.bigquery.storage.v1.ReadStream;
import com.google.cloud.bigquery.storage.v1.SplitReadStreamRequest;
import com.google.cloud.bigquery.storage.v1.SplitReadStreamResponse;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Column;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A local BigQuery Storage Read API: an in-process gRPC server implementing the published v1 {@code BigQueryRead}
 * service (CreateReadSession, ReadRows, SplitReadStream) over the tables a {@link FakeBigQuery} keeps, so the real
 * {@link BigQueryReadClient} reads the very rows the REST fake serves. As the service does, a session splits a table
 * into contiguous streams (at most the count asked for), carries its Arrow schema (BigQuery's mapping: INT64 int64,
 * FLOAT64 double, NUMERIC decimal128(38,9), BIGNUMERIC decimal256(76,38), BOOL bool, STRING utf8, DATE date32,
 * DATETIME timestamp[us], TIMESTAMP timestamp[us, UTC]) and an expiry; ReadRows sends Arrow IPC record batches from
 * the requested offset, a few rows each, so pages straddle batches, and refuses an offset beyond the rows the stream
 * has already served (ReadRows promises no more). Faults are armed per stream and call offset, or per stream row
 * whatever call reaches it: UNAVAILABLE mid-stream, a stream that stalls (sends nothing more, never ends), an expired
 * session.
 */
public final class FakeBigQueryRead implements AutoCloseable {

    /** One ReadRows call as received: session number, stream position, offset. */
    record ReadCall(int session, int stream, long offset) {
    }

    private enum FaultKind { UNAVAILABLE, STALL, EXPIRE }

    /** {@code callOffset} -1: any call of the stream, at stream row {@code afterRows}. */
    private record Fault(FaultKind kind, int stream, long callOffset, long afterRows, AtomicInteger times) {
        boolean anyCall() {
            return callOffset < 0;
        }

        /** The stream row (from the stream's start) the fault strikes at. */
        long row() {
            return anyCall() ? afterRows : callOffset + afterRows;
        }
    }

    /** {@code served}: per stream, rows sent so far by any call (the highest offset a new call may ask for). */
    private record SessionState(int number, Result result, Schema schema, List<long[]> ranges, boolean[] expired,
                                AtomicLongArray served) {
    }

    private final FakeBigQuery rest;
    private final String serverName = InProcessServerBuilder.generateName();
    /** The calls' work (Arrow batches made from the rows) runs here, on threads named for the bench's CPU account. */
    private final ExecutorService serving = Executors.newFixedThreadPool(8, FakeBigQuery.standInThreads("read"));
    private final Server server;
    private final BufferAllocator allocator = new RootAllocator();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final List<ReadCall> reads = new CopyOnWriteArrayList<>();
    private final List<String> sessionRequests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<StreamObserver<ReadRowsResponse>> stalled = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionCounter = new AtomicInteger();
    private volatile int streamsPerSession = 2;
    private volatile int batchRows = 2;
    private volatile Status deny;

    public FakeBigQueryRead(FakeBigQuery rest) throws IOException {
        this.rest = rest;
        this.server = InProcessServerBuilder.forName(serverName).executor(serving).addService(new Service()).build().start();
    }

    /** The real Read API client, on this server, with the production retry settings of {@code config}. */
    public BigQueryReadClient client(ReadApiConfig config) {
        ManagedChannel channel = InProcessChannelBuilder.forName(serverName).usePlaintext().build();
        channels.add(channel);
        return ReadApiClients.create(config, NoCredentials.getInstance(),
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)));
    }

    /** Streams a session gets at most (fewer if it asks for fewer or the table has fewer rows). */
    public void streamsPerSession(int streams) {
        this.streamsPerSession = streams;
    }

    /** Rows per Arrow record batch (default 2, so test pages straddle batches). */
    public void batchRows(int rows) {
        this.batchRows = rows;
    }

    /** CreateReadSession fails with this status, as for a caller without bigquery.readsessions.create. */
    void denySessions(Status status) {
        this.deny = status;
    }

    /**
     * A ReadRows call of {@code stream} from {@code callOffset} sends {@code afterRows} rows, then fails UNAVAILABLE;
     * the next {@code times} such calls. A call resumed further on is not one of them.
     */
    void failAt(int stream, long callOffset, long afterRows, int times) {
        faults.add(new Fault(FaultKind.UNAVAILABLE, stream, callOffset, afterRows, new AtomicInteger(times)));
    }

    /** The next ReadRows call of {@code stream} from {@code callOffset} sends {@code afterRows} rows, then nothing, never ending. */
    void stallAt(int stream, long callOffset, long afterRows) {
        faults.add(new Fault(FaultKind.STALL, stream, callOffset, afterRows, new AtomicInteger(1)));
    }

    /** Whatever ReadRows call of {@code stream} reaches row {@code row} sends the rows before it, then fails UNAVAILABLE; the next {@code times} such calls. */
    void failAtRow(int stream, long row, int times) {
        faults.add(new Fault(FaultKind.UNAVAILABLE, stream, -1, row, new AtomicInteger(times)));
    }

    /** The next ReadRows call of {@code stream} that reaches row {@code row} sends the rows before it, then nothing, never ending. */
    void stallAtRow(int stream, long row) {
        faults.add(new Fault(FaultKind.STALL, stream, -1, row, new AtomicInteger(1)));
    }

    /** The session expires when the next ReadRows call of {@code stream} from {@code callOffset} arrives. */
    void expireAt(int stream, long callOffset) {
        faults.add(new Fault(FaultKind.EXPIRE, stream, callOffset, 0, new AtomicInteger(1)));
    }

    List<ReadCall> reads() {
        return List.copyOf(reads);
    }

    /** ReadRows offsets of {@code stream} in session {@code session}, in call order. */
    List<Long> offsets(int session, int stream) {
        return reads.stream().filter(r -> r.session() == session && r.stream() == stream).map(ReadCall::offset).toList();
    }

    /** Tables of the CreateReadSession calls received, granted or not. */
    List<String> sessionRequests() {
        return List.copyOf(sessionRequests);
    }

    int sessionsCreated() {
        return sessionCounter.get();
    }

    @Override
    public void close() {
        for (StreamObserver<ReadRowsResponse> observer : stalled) {
            try {
                observer.onError(Status.CANCELLED.asRuntimeException());
            } catch (RuntimeException e) {
                // the call is already gone
            }
        }
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
        serving.shutdownNow();
        allocator.close();
    }

    private final class Service extends BigQueryReadGrpc.BigQueryReadImplBase {

        @Override
        public void createReadSession(CreateReadSessionRequest request, StreamObserver<ReadSession> response) {
            String table = request.getReadSession().getTable();
            sessionRequests.add(table);
            Status denied = deny;
            if (denied != null) {
                response.onError(denied.asRuntimeException());
                return;
            }
            String[] parts = table.split("/");
            Result result = parts.length == 6 ? rest.table(parts[1] + "." + parts[3] + "." + parts[5]) : null;
            if (result == null) {
                response.onError(Status.NOT_FOUND.withDescription("Not found: Table " + table).asRuntimeException());
                return;
            }
            if (request.getReadSession().getDataFormat() != DataFormat.ARROW) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("the stand-in serves ARROW only").asRuntimeException());
                return;
            }
            int rows = result.rows().size();
            int asked = request.getMaxStreamCount() <= 0 ? Integer.MAX_VALUE : request.getMaxStreamCount();
            int streams = Math.min(Math.min(asked, streamsPerSession), rows);
            int number = sessionCounter.incrementAndGet();
            String name = "projects/" + FakeBigQuery.PROJECT + "/locations/us/sessions/s" + number;
            List<long[]> ranges = new ArrayList<>();
            ReadSession.Builder session = ReadSession.newBuilder().setName(name).setTable(table)
                    .setDataFormat(DataFormat.ARROW).setEstimatedRowCount(rows)
                    .setExpireTime(Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(6 * 3600).getEpochSecond()));
            long start = 0;
            for (int i = 0; i < streams; i++) {
                long size = rows / streams + (i < rows % streams ? 1 : 0);
                ranges.add(new long[] {start, start + size});
                start += size;
                session.addStreams(ReadStream.newBuilder().setName(name + "/streams/" + i));
            }
            Schema schema = arrowSchema(result.columns());
            session.setArrowSchema(ArrowSchema.newBuilder().setSerializedSchema(serialize(schema)));
            sessions.put(name, new SessionState(number, result, schema, ranges, new boolean[1], new AtomicLongArray(streams)));
            response.onNext(session.build());
            response.onCompleted();
        }

        @Override
        public void readRows(ReadRowsRequest request, StreamObserver<ReadRowsResponse> response) {
            String stream = request.getReadStream();
            int cut = stream.lastIndexOf("/streams/");
            SessionState session = cut < 0 ? null : sessions.get(stream.substring(0, cut));
            if (session == null) {
                response.onError(Status.NOT_FOUND.withDescription("Not found: stream " + stream).asRuntimeException());
                return;
            }
            int index = Integer.parseInt(stream.substring(cut + "/streams/".length()));
            reads.add(new ReadCall(session.number(), index, request.getOffset()));
            if (session.expired()[0]) {
                response.onError(expired(stream));
                return;
            }
            long[] range = session.ranges().get(index);
            if (request.getOffset() > session.served().get(index)) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("offset " + request.getOffset() + " is beyond the "
                        + session.served().get(index) + " rows " + stream + " has served").asRuntimeException());
                return;
            }
            if (range[0] + request.getOffset() > range[1]) {
                response.onError(Status.OUT_OF_RANGE.withDescription("offset past the end of " + stream).asRuntimeException());
                return;
            }
            new Sender(session, index, range, range[0] + request.getOffset(), stream,
                    (ServerCallStreamObserver<ReadRowsResponse>) response).start();
        }

        @Override
        public void splitReadStream(SplitReadStreamRequest request, StreamObserver<SplitReadStreamResponse> response) {
            // As BigQuery may for a stream it will not split: no primary/remainder, the stream stays whole.
            response.onNext(SplitReadStreamResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    /**
     * Sends one ReadRows call's batches only as the client asks for them (gRPC flow control), as a real server's
     * window does, so a fault armed past what a page reads is not hit by a read that already stopped.
     */
    private final class Sender {
        private final SessionState session;
        private final int index;
        private final long[] range;
        private final String stream;
        private final ServerCallStreamObserver<ReadRowsResponse> response;
        private Fault fault;
        private long position;
        private boolean done;

        Sender(SessionState session, int index, long[] range, long position, String stream,
               ServerCallStreamObserver<ReadRowsResponse> response) {
            this.session = session;
            this.index = index;
            this.range = range;
            this.position = position;
            this.stream = stream;
            this.response = response;
            this.fault = armed(index, position - range[0]);
        }

        void start() {
            response.setOnCancelHandler(() -> {
                synchronized (this) {
                    done = true;
                }
            });
            response.setOnReadyHandler(this::pump);
            pump();
        }

        private synchronized void pump() {
            while (!done && response.isReady()) {
                step();
            }
        }

        private void step() {
            long end = Math.min(position + batchRows, range[1]);
            if (fault == null) {
                fault = armedRow(index, position - range[0], end - range[0]);
            }
            long at = fault == null ? Long.MAX_VALUE : range[0] + fault.row();
            if (at <= end) {
                done = true;
                if (at > position) {
                    send(position, at);
                }
                switch (fault.kind()) {
                    case UNAVAILABLE -> response.onError(Status.UNAVAILABLE.withDescription("Connection reset by peer").asRuntimeException());
                    case STALL -> stalled.add(response); // nothing more, ever: the client's deadline ends the call
                    case EXPIRE -> {
                        session.expired()[0] = true;
                        response.onError(expired(stream));
                    }
                }
                return;
            }
            if (position >= range[1]) {
                done = true;
                response.onCompleted();
                return;
            }
            send(position, end);
            position = end;
        }

        private void send(long from, long to) {
            response.onNext(batch(session, (int) from, (int) to));
            session.served().accumulateAndGet(index, to - range[0], Math::max);
        }
    }

    /** The armed fault of a call on {@code stream} from {@code offset}, consumed; null if none. */
    private Fault armed(int stream, long offset) {
        for (Fault fault : faults) {
            if (!fault.anyCall() && fault.stream() == stream && fault.callOffset() == offset
                    && fault.times().getAndDecrement() > 0) {
                return fault;
            }
        }
        return null;
    }

    /** The armed fault at a row of {@code stream} in {@code from..to} (the next batch), consumed; null if none. */
    private Fault armedRow(int stream, long from, long to) {
        for (Fault fault : faults) {
            if (fault.anyCall() && fault.stream() == stream && fault.row() >= from && fault.row() <= to
                    && fault.times().get() > 0 && fault.times().getAndDecrement() > 0) {
                return fault;
            }
        }
        return null;
    }

    private static RuntimeException expired(String stream) {
        return Status.FAILED_PRECONDITION.withDescription("there was an error operating on '" + stream
                + "': session expired").asRuntimeException();
    }

    private ReadRowsResponse batch(SessionState session, int from, int to) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(session.schema(), allocator)) {
            List<Column> columns = session.result().columns();
            if (session.result().rows() instanceof FakeBigQuery.TypedRows typed) {
                root.getFieldVectors().forEach(FieldVector::allocateNew);
                for (int r = from; r < to; r++) {
                    Object[] values = typed.values(r);
                    for (int c = 0; c < columns.size(); c++) {
                        setValue(root.getVector(c), r - from, columns.get(c).type(), values[c]);
                    }
                }
                root.getFieldVectors().forEach(vector -> vector.setValueCount(to - from));
            } else {
                for (int c = 0; c < columns.size(); c++) {
                    FieldVector vector = root.getVector(c);
                    vector.allocateNew();
                    for (int r = from; r < to; r++) {
                        set(vector, r - from, columns.get(c).type(), session.result().rows().get(r).get(c));
                    }
                    vector.setValueCount(to - from);
                }
            }
            root.setRowCount(to - from);
            ByteString serialized;
            try (org.apache.arrow.vector.ipc.message.ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), batch);
                serialized = ByteString.copyFrom(out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ReadRowsResponse.newBuilder().setRowCount(to - from)
                    .setArrowRecordBatch(ArrowRecordBatch.newBuilder().setSerializedRecordBatch(serialized).setRowCount(to - from))
                    .build();
        }
    }

    /** Sets one wire value (REST text) as BigQuery's Arrow encoding of the column's type holds it. */
    private static void set(FieldVector vector, int row, String type, String text) {
        if (text == null) {
            vector.setNull(row);
            return;
        }
        switch (type) {
            case "INTEGER", "INT64" -> ((BigIntVector) vector).setSafe(row, Long.parseLong(text));
            case "FLOAT", "FLOAT64" -> ((Float8Vector) vector).setSafe(row, Double.parseDouble(text));
            case "NUMERIC" -> ((DecimalVector) vector).setSafe(row, new BigDecimal(text).setScale(9));
            case "BIGNUMERIC" -> ((Decimal256Vector) vector).setSafe(row, new BigDecimal(text).setScale(38));
            case "BOOLEAN", "BOOL" -> ((BitVector) vector).setSafe(row, Boolean.parseBoolean(text) ? 1 : 0);
            case "DATE" -> ((DateDayVector) vector).setSafe(row, (int) LocalDate.parse(text).toEpochDay());
            case "DATETIME" -> ((TimeStampMicroVector) vector).setSafe(row,
                    micros(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC)));
            case "TIMESTAMP" -> ((TimeStampMicroTZVector) vector).setSafe(row, micros(RowDecoder.timestamp(text)));
            default -> ((VarCharVector) vector).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@link #set} from a typed value instead of its wire text. */
    private static void setValue(FieldVector vector, int row, String type, Object value) {
        if (value == null) {
            vector.setNull(row);
            return;
        }
        switch (type) {
            case "INTEGER", "INT64" -> ((BigIntVector) vector).setSafe(row, ((Number) value).longValue());
            case "FLOAT", "FLOAT64" -> ((Float8Vector) vector).setSafe(row, ((Number) value).doubleValue());
            case "NUMERIC" -> ((DecimalVector) vector).setSafe(row, ((BigDecimal) value).setScale(9));
            case "BIGNUMERIC" -> ((Decimal256Vector) vector).setSafe(row, ((BigDecimal) value).setScale(38));
            case "BOOLEAN", "BOOL" -> ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
            case "DATE" -> ((DateDayVector) vector).setSafe(row, (int) ((LocalDate) value).toEpochDay());
            case "DATETIME" -> ((TimeStampMicroVector) vector).setSafe(row, micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
            case "TIMESTAMP" -> ((TimeStampMicroTZVector) vector).setSafe(row, micros((Instant) value));
            default -> ((VarCharVector) vector).setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static Schema arrowSchema(List<Column> columns) {
        List<Field> fields = new ArrayList<>();
        for (Column column : columns) {
            ArrowType type = switch (column.type()) {
                case "INTEGER", "INT64" -> new ArrowType.Int(64, true);
                case "FLOAT", "FLOAT64" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case "NUMERIC" -> new ArrowType.Decimal(38, 9, 128);
                case "BIGNUMERIC" -> new ArrowType.Decimal(76, 38, 256);
                case "BOOLEAN", "BOOL" -> ArrowType.Bool.INSTANCE;
                case "DATE" -> new ArrowType.Date(DateUnit.DAY);
                case "DATETIME" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
                case "TIMESTAMP" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
                default -> ArrowType.Utf8.INSTANCE;
            };
            fields.add(new Field(column.name(), FieldType.nullable(type), null));
        }
        return new Schema(fields);
    }

    private static ByteString serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteString.copyFrom(out.toByteArray());
    }
}
