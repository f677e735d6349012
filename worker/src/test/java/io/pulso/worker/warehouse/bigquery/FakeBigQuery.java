package io.pulso.worker.warehouse.bigquery;

import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.query;
import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.send;
import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.sendError;
import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.tableResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pulso.core.concurrent.DaemonThreads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A local BigQuery REST endpoint (JDK HttpServer on a random loopback port) answering what the Java client calls
 * for an extraction: jobs.insert, jobs.get, tables.get and tabledata.list, in BigQuery's JSON wire format: job
 * resources with {@code status.state} RUNNING before DONE, {@code totalRows} and every value as strings, rows as
 * {@code {"f":[{"v":…}]}}, TIMESTAMP as epoch seconds with a fraction, NULL as null, pages by {@code pageToken}, and
 * errors as {@code {"error":{"code","message","errors":[{"reason","message","domain"}],"status"}}}. As the service
 * does, it refuses a second jobs.insert of a taken job id with 409 {@code duplicate} "Already Exists: Job …",
 * stamps jobs with the real creation time (the client adopts a taken id only for a job created in the last 24 h) and
 * honours the {@code fields=} mask of jobs.get (the client's adoption asks for
 * {@code jobReference,configuration,statistics}: no status).
 *
 * <p>It runs no SQL. An extraction job (label {@code purpose=extract}) gets the result registered for its
 * {@code table} label as its destination table; the watermark job ({@code SELECT MAX(`col`) … COUNT(*) FROM `t`})
 * is answered from that destination table's rows. Every request is recorded for assertions.
 */
public final class FakeBigQuery implements AutoCloseable {

    public static final String PROJECT = "fake-project";
    /**
     * The request header naming the caller (what the OAuth token says at Google). A job and its result table belong
     * to whoever inserted the job; jobs.get, tables.get and tabledata.list by anyone else answer 403 accessDenied.
     */
    public static final String IDENTITY_HEADER = "X-Fake-Identity";
    public static final String DEFAULT_IDENTITY = "pulso-worker@fake-project.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY = Pattern.compile("MAX\\(`(\\w+)`\\).*FROM `([^`]+)`", Pattern.DOTALL);

    /** A column of a result: BigQuery's REST type name (INTEGER, FLOAT, NUMERIC, BOOLEAN, STRING, DATE, DATETIME, TIMESTAMP). */
    public record Column(String name, String type) {
    }

    /**
     * A table as BigQuery keeps it: schema and rows of wire values (strings, or null for NULL). Rows are copied,
     * except those of a {@link #computed} result, which are already an unmodifiable view.
     */
    public record Result(List<Column> columns, List<List<String>> rows) {
        public Result {
            columns = List.copyOf(columns);
            rows = rows instanceof ComputedRows ? rows : List.copyOf(rows);
        }

        /**
         * A result of {@code size} rows that holds none: row {@code i} is {@code row.apply(i)}, computed when read
         * (so a benchmark can serve millions of rows in a small heap). {@code row} must give the same row for the
         * same index every time. {@code maxByColumn} may give a column's maximum wire value (as {@code String}
         * order ranks them), which the watermark job then takes instead of computing every row; a column it leaves
         * out is walked.
         */
        public static Result computed(List<Column> columns, int size, IntFunction<List<String>> row, Map<String, String> maxByColumn) {
            return new Result(columns, new ComputedRows(size, row, maxByColumn));
        }

        /**
         * {@link #computed} from typed values: REST serves {@code wireText} of them, the Read API stand-in encodes the
         * values into Arrow directly (as BigQuery does from its columnar storage) instead of parsing the wire text back,
         * so a benchmark's source costs its CPU less. {@code wireText} must be the wire text of exactly those values.
         */
        public static Result computed(List<Column> columns, int size, IntFunction<Object[]> values,
                                      Function<Object[], List<String>> wireText, Map<String, String> maxByColumn) {
            return new Result(columns, new TypedComputedRows(size, values, wireText, maxByColumn));
        }
    }

    /** Rows that also give their typed values (Long, Double, BigDecimal, Boolean, LocalDate, LocalDateTime, Instant, String). */
    public interface TypedRows {
        Object[] values(int index);
    }

    private static final class TypedComputedRows extends ComputedRows implements TypedRows {
        private final IntFunction<Object[]> values;

        TypedComputedRows(int size, IntFunction<Object[]> values, Function<Object[], List<String>> wireText,
                          Map<String, String> maxByColumn) {
            super(size, i -> wireText.apply(values.apply(i)), maxByColumn);
            this.values = values;
        }

        @Override
        public Object[] values(int index) {
            Objects.checkIndex(index, size());
            return values.apply(index);
        }
    }

    /**
     * The rows of a computed result: an unmodifiable random-access view computing rows a block at a time. The Read
     * API stand-in reads a batch column by column (row {@code r}, column {@code c}, for every r, then the next c), so
     * each reading thread keeps the two blocks it read last (a batch may cross a block boundary): without them a row
     * would be computed once per column. A few blocks are also shared by all threads, as a client's consecutive
     * requests may be served by different threads; a thread goes to them only when it enters a block, so readers
     * evicting each other's blocks there cost at most one block per block entered.
     */
    private static class ComputedRows extends AbstractList<List<String>> implements RandomAccess {
        private static final int BLOCK = 1024;
        private static final int SHARED_BLOCKS = 8;

        private record Block(int index, List<List<String>> rows) {
        }

        private final int size;
        private final IntFunction<List<String>> row;
        private final Map<String, String> maxByColumn;
        /** Per thread: the two blocks read last, most recent first. */
        private final ThreadLocal<Block[]> recent = ThreadLocal.withInitial(() -> new Block[2]);
        /** Block i in slot i % SHARED_BLOCKS, if it is the one computed last there. */
        private final AtomicReferenceArray<Block> shared = new AtomicReferenceArray<>(SHARED_BLOCKS);

        ComputedRows(int size, IntFunction<List<String>> row, Map<String, String> maxByColumn) {
            if (size < 0) {
                throw new IllegalArgumentException("size " + size);
            }
            this.size = size;
            this.row = row;
            this.maxByColumn = Map.copyOf(maxByColumn);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public List<String> get(int index) {
            Objects.checkIndex(index, size);
            int blockIndex = index / BLOCK;
            Block[] blocks = recent.get();
            if (blocks[0] == null || blocks[0].index() != blockIndex) {
                Block entered;
                if (blocks[1] != null && blocks[1].index() == blockIndex) {
                    entered = blocks[1];
                } else {
                    entered = shared.get(blockIndex % SHARED_BLOCKS);
                    if (entered == null || entered.index() != blockIndex) {
                        entered = compute(blockIndex);
                        shared.set(blockIndex % SHARED_BLOCKS, entered);
                    }
                }
                blocks[1] = blocks[0];
                blocks[0] = entered;
            }
            return blocks[0].rows().get(index - blockIndex * BLOCK);
        }

        private Block compute(int blockIndex) {
            int from = blockIndex * BLOCK;
            int to = Math.min(size, from + BLOCK);
            List<List<String>> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                // Not List.copyOf, which refuses the nulls that stand for NULL.
                rows.add(Collections.unmodifiableList(row.apply(i)));
            }
            return new Block(blockIndex, rows);
        }
    }

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> query, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Fault(String kind, int rowOffset, int status, String reason, String message, AtomicInteger times) {
    }

    private static final class FakeJob {
        final ObjectNode resource;
        final AtomicInteger pollsLeft;
        final ObjectNode error;

        FakeJob(ObjectNode resource, int polls, ObjectNode error) {
            this.resource = resource;
            this.pollsLeft = new AtomicInteger(polls);
            this.error = error;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, standInThreads("rest"));

    /** Threads named {@value #STAND_IN_THREADS}{@code kind-N}, daemon: the bench adds up their CPU as the source's. */
    static ThreadFactory standInThreads(String kind) {
        return DaemonThreads.numbered(STAND_IN_THREADS + kind + "-");
    }

    /** Prefix of the names of the stand-ins' serving threads. */
    public static final String STAND_IN_THREADS = "bigquery-stand-in-";
    private final Map<String, Result> resultsByTable = new ConcurrentHashMap<>();
    private final Map<String, Result> tables = new ConcurrentHashMap<>();
    private final Map<String, FakeJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> jobErrors = new ConcurrentHashMap<>();
    /** One-shot job errors by table label: the next extraction job of that table fails, later ones succeed. */
    private final Map<String, List<ObjectNode>> nextJobErrors = new ConcurrentHashMap<>();
    /** Who created each job and each result table: only they may read them, as in BigQuery. */
    private final Map<String, String> creators = new ConcurrentHashMap<>();
    /** Inserts whose job is created but whose answer is lost (the connection closes without a response). */
    private final AtomicInteger lostInsertAnswers = new AtomicInteger();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger resultCounter = new AtomicInteger();
    private volatile int pollsBeforeDone = 1;
    private volatile long dryRunBytes = 123_456_789L;

    public FakeBigQuery() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The result an extraction job for {@code table} (its {@code table} label) produces. */
    public void result(String table, Result result) {
        resultsByTable.put(table, result);
    }

    /** A table as kept (a job's destination, by project.dataset.table), or null: what the Read API stand-in serves. */
    Result table(String qualified) {
        return tables.get(qualified);
    }

    /** jobs.get answers RUNNING this many times before DONE. */
    void pollsBeforeDone(int polls) {
        this.pollsBeforeDone = polls;
    }

    public void dryRunBytes(long bytes) {
        this.dryRunBytes = bytes;
    }

    /** The extraction job of {@code table} finishes DONE with this errorResult. */
    void failJob(String table, String reason, String message) {
        jobErrors.put(table, error(reason, message));
    }

    /** Jobs inserted from now on succeed again (jobs that already failed stay failed, as in BigQuery). */
    void clearJobFailures() {
        jobErrors.clear();
        nextJobErrors.clear();
    }

    /** The next extraction job of {@code table} finishes DONE with this errorResult; the ones after it succeed. */
    void failNextJob(String table, String reason, String message) {
        nextJobErrors.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(error(reason, message));
    }


    /** jobs.insert answers this HTTP error {@code times} times. */
    void failInsert(int status, String reason, String message, int times) {
        faults.add(new Fault("insert", -1, status, reason, message, new AtomicInteger(times)));
    }

    /** The next {@code times} jobs.insert create their job, then close the connection without answering. */
    void loseInsertAnswers(int times) {
        lostInsertAnswers.set(times);
    }

    /** tabledata.list of an extraction result, at the page starting at row {@code rowOffset}, answers this error. */
    void failPageAt(int rowOffset, int status, String reason, String message, int times) {
        faults.add(new Fault("list", rowOffset, status, reason, message, new AtomicInteger(times)));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String pathPattern) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
    }

    /** The ids of jobs created (inserts that were not refused). */
    public List<String> jobIds() {
        return List.copyOf(jobs.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String body = new String(body(exchange), StandardCharsets.UTF_8);
            requests.add(new Request(method, path, query, body));
            String identity = exchange.getRequestHeaders().getFirst(IDENTITY_HEADER);
            String caller = identity == null ? DEFAULT_IDENTITY : identity;
            Matcher m;
            if (method.equals("POST") && path.matches(".*/projects/[^/]+/jobs")) {
                insertJob(exchange, JSON.readTree(body), caller);
            } else if (method.equals("GET") && (m = Pattern.compile(".*/projects/([^/]+)/jobs/([^/]+)").matcher(path)).matches()) {
                if (!deniedTo(exchange, caller, "job:" + m.group(2), "Access Denied: Job " + PROJECT + ":" + m.group(2)
                        + ": User does not have bigquery.jobs.get permission for job " + m.group(2) + ".")) {
                    getJob(exchange, m.group(2), query.get("fields"));
                }
            } else if (method.equals("GET") && (m = Pattern.compile(".*/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)/data")
                    .matcher(path)).matches()) {
                String table = m.group(1) + "." + m.group(2) + "." + m.group(3);
                if (!deniedTo(exchange, caller, "table:" + table, "Access Denied: Table " + m.group(1) + ":" + m.group(2)
                        + "." + m.group(3) + ": Permission bigquery.tables.getData denied on table (or it may not exist).")) {
                    listData(exchange, table, query);
                }
            } else if (method.equals("GET") && (m = Pattern.compile(".*/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)")
                    .matcher(path)).matches()) {
                if (!deniedTo(exchange, caller, "table:" + m.group(1) + "." + m.group(2) + "." + m.group(3),
                        "Access Denied: Table " + m.group(1) + ":" + m.group(2) + "." + m.group(3)
                                + ": Permission bigquery.tables.get denied on table (or it may not exist).")) {
                    getTable(exchange, m.group(1), m.group(2), m.group(3));
                }
            } else {
                sendError(exchange, 404, "notFound", "Not found: " + method + " " + path);
            }
        } catch (RuntimeException | IOException e) {
            // A bug in the fake shows up as a non-retryable 400 naming it, not as a dropped connection.
            sendError(exchange, 400, "invalid", "fake BigQuery failed: " + e);
        }
    }

    /** The client gzips request bodies (Content-Encoding: gzip), as it does against Google. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    private void insertJob(HttpExchange exchange, JsonNode request, String caller) throws IOException {
        if (faulted(exchange, "insert", -1)) {
            return;
        }
        JsonNode configuration = request.path("configuration");
        String jobId = request.path("jobReference").path("jobId").asText(null);
        String location = request.path("jobReference").path("location").asText("US");
        ObjectNode job = JSON.createObjectNode();
        job.put("kind", "bigquery#job");
        job.put("id", PROJECT + ":" + location + "." + jobId);
        ObjectNode reference = job.putObject("jobReference");
        reference.put("projectId", PROJECT);
        reference.put("jobId", jobId);
        reference.put("location", location);
        job.set("configuration", configuration.deepCopy());
        ObjectNode statistics = job.putObject("statistics");
        long now = System.currentTimeMillis();
        statistics.put("creationTime", Long.toString(now));
        statistics.put("startTime", Long.toString(now + 1));
        ObjectNode queryStats = statistics.putObject("query");

        if (configuration.path("dryRun").asBoolean(false)) {
            statistics.put("totalBytesProcessed", Long.toString(dryRunBytes));
            queryStats.put("totalBytesProcessed", Long.toString(dryRunBytes));
            job.putObject("status").put("state", "DONE");
            send(exchange, 200, job);
            return;
        }
        if (jobs.containsKey(jobId)) {
            // BigQuery's answer to a taken job id, whatever state that job is in.
            sendError(exchange, 409, "duplicate", "Already Exists: Job " + PROJECT + ":" + location + "." + jobId);
            return;
        }
        String purpose = configuration.path("labels").path("purpose").asText();
        String table = configuration.path("labels").path("table").asText();
        Result result;
        if (purpose.equals("watermark")) {
            result = summarise(configuration.path("query").path("query").asText());
        } else {
            result = resultsByTable.get(table);
            if (result == null) {
                sendError(exchange, 400, "invalidQuery", "the fake has no result for table label '" + table + "'");
                return;
            }
        }
        String destination = "_fake_results.anon_" + resultCounter.incrementAndGet();
        tables.put(PROJECT + "." + destination, result);
        creators.put("table:" + PROJECT + "." + destination, caller);
        creators.put("job:" + jobId, caller);
        ObjectNode destinationRef = ((ObjectNode) job.path("configuration").path("query")).putObject("destinationTable");
        destinationRef.put("projectId", PROJECT);
        destinationRef.put("datasetId", "_fake_results");
        destinationRef.put("tableId", destination.substring(destination.indexOf('.') + 1));
        queryStats.set("schema", schemaJson(result.columns()));
        queryStats.put("totalBytesProcessed", "1048576");
        job.putObject("status").put("state", "RUNNING");
        jobs.put(jobId, new FakeJob(job, pollsBeforeDone, purpose.equals("watermark") ? null : jobError(table)));
        if (lostInsertAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // Closing before any response header drops the connection: the client never learns the job exists.
            exchange.close();
            return;
        }
        send(exchange, 200, job);
    }

    private ObjectNode jobError(String table) {
        List<ObjectNode> once = nextJobErrors.get(table);
        if (once != null && !once.isEmpty()) {
            return once.remove(0);
        }
        return jobErrors.get(table);
    }

    /** Answers the watermark query from the destination table it names, as BigQuery would compute it. */
    private Result summarise(String sql) {
        Matcher m = SUMMARY.matcher(sql);
        if (!m.find()) {
            throw new IllegalArgumentException("not a summary query: " + sql);
        }
        Result source = tables.get(m.group(2));
        if (source == null) {
            throw new IllegalArgumentException("no table " + m.group(2));
        }
        int column = source.columns().stream().map(Column::name).toList().indexOf(m.group(1));
        String max = source.rows() instanceof ComputedRows computed && computed.maxByColumn.containsKey(m.group(1))
                ? computed.maxByColumn.get(m.group(1))
                : source.rows().stream().map(r -> r.get(column)).filter(v -> v != null).max(String::compareTo).orElse(null);
        List<String> row = new ArrayList<>();
        row.add(max);
        row.add(Integer.toString(source.rows().size()));
        return new Result(List.of(new Column("max_incremental", "DATE"), new Column("total_rows", "INTEGER")), List.of(row));
    }

    private void getJob(HttpExchange exchange, String jobId, String fields) throws IOException {
        FakeJob job = jobs.get(jobId);
        if (job == null) {
            sendError(exchange, 404, "notFound", "Not found: Job " + PROJECT + ":" + jobId);
            return;
        }
        ObjectNode resource = job.resource.deepCopy();
        if (job.pollsLeft.getAndDecrement() > 0) {
            resource.putObject("status").put("state", "RUNNING");
        } else {
            ObjectNode status = resource.putObject("status");
            status.put("state", "DONE");
            if (job.error != null) {
                status.set("errorResult", job.error);
                status.putArray("errors").add(job.error);
            }
            ((ObjectNode) resource.path("statistics")).put("endTime", Long.toString(System.currentTimeMillis()));
        }
        send(exchange, 200, fields == null || fields.isBlank() ? resource : select(resource, fields));
    }

    private void getTable(HttpExchange exchange, String project, String dataset, String table) throws IOException {
        Result result = tables.get(project + "." + dataset + "." + table);
        if (result == null) {
            sendError(exchange, 404, "notFound", "Not found: Table " + project + ":" + dataset + "." + table);
            return;
        }
        send(exchange, 200, tableResource(project, dataset, table, schemaJson(result.columns()), result.rows().size()));
    }

    private void listData(HttpExchange exchange, String table, Map<String, String> query) throws IOException {
        Result result = tables.get(table);
        if (result == null) {
            sendError(exchange, 404, "notFound", "Not found: Table " + table);
            return;
        }
        int offset = query.containsKey("pageToken") ? Integer.parseInt(query.get("pageToken").substring("row-".length())) : 0;
        boolean extraction = !result.columns().get(0).name().equals("max_incremental");
        if (extraction && faulted(exchange, "list", offset)) {
            return;
        }
        int size = query.containsKey("maxResults") ? Integer.parseInt(query.get("maxResults")) : 100_000;
        int end = Math.min(result.rows().size(), offset + size);
        ObjectNode page = JSON.createObjectNode();
        page.put("kind", "bigquery#tableDataList");
        page.put("etag", "\"fake\"");
        page.put("totalRows", Integer.toString(result.rows().size()));
        if (end < result.rows().size()) {
            page.put("pageToken", "row-" + end);
        }
        ArrayNode rows = page.putArray("rows");
        for (List<String> row : result.rows().subList(offset, end)) {
            ArrayNode cells = rows.addObject().putArray("f");
            for (String value : row) {
                ObjectNode cell = cells.addObject();
                if (value == null) {
                    cell.putNull("v");
                } else {
                    cell.put("v", value);
                }
            }
        }
        send(exchange, 200, page);
    }

    /** Answers 403 accessDenied when {@code resource} has a creator other than the caller. */
    private boolean deniedTo(HttpExchange exchange, String caller, String resource, String message) throws IOException {
        String creator = creators.get(resource);
        if (creator == null || creator.equals(caller)) {
            return false;
        }
        sendError(exchange, 403, "accessDenied", message);
        return true;
    }

    /**
     * A partial response as the {@code fields} parameter asks: a comma list of top-level names or paths
     * ({@code status/state}); what is not named is left out.
     */
    static ObjectNode select(ObjectNode resource, String fields) {
        ObjectNode selected = JSON.createObjectNode();
        for (String field : fields.split(",")) {
            String[] path = field.trim().split("/");
            JsonNode source = resource;
            ObjectNode target = selected;
            for (int i = 0; i < path.length && source != null && !source.isMissingNode(); i++) {
                JsonNode child = source.get(path[i]);
                if (child == null) {
                    break;
                }
                if (i == path.length - 1 || !child.isObject()) {
                    target.set(path[i], child.deepCopy());
                } else {
                    target = target.has(path[i]) ? (ObjectNode) target.get(path[i]) : target.putObject(path[i]);
                }
                source = child;
            }
        }
        return selected;
    }

    private boolean faulted(HttpExchange exchange, String kind, int offset) throws IOException {
        for (Fault fault : faults) {
            if (fault.kind().equals(kind) && fault.rowOffset() == offset && fault.times().getAndUpdate(t -> Math.max(0, t - 1)) > 0) {
                sendError(exchange, fault.status(), fault.reason(), fault.message());
                return true;
            }
        }
        return false;
    }

    private static ObjectNode schemaJson(List<Column> columns) {
        ObjectNode schema = JSON.createObjectNode();
        ArrayNode fields = schema.putArray("fields");
        for (Column column : columns) {
            fields.addObject().put("name", column.name()).put("type", column.type()).put("mode", "NULLABLE");
        }
        return schema;
    }

    private static ObjectNode error(String reason, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("reason", reason);
        error.put("message", message);
        return error;
    }
}
