package io.pulso.worker.warehouse.bigquery.zetasql;

import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.query;
import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.send;
import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.sendError;
import static io.pulso.worker.warehouse.bigquery.BigQueryRestWire.tableResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zetasql.CivilTimeEncoder;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.Column;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.QueryFailure;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A local BigQuery REST endpoint that runs the SQL it is sent: every query (extraction or the watermark query over a
 * result) is evaluated by {@link GoogleSqlEngine} over the tables it holds, with the request's named parameters,
 * and its result kept as the job's destination table ({@code project._zetasql_results.anon_N}), itself queryable.
 *
 * <p>It answers what google-cloud-bigquery calls, in BigQuery's JSON: jobs.insert (409 {@code duplicate} for a
 * taken job id; a query that does not analyse is a 400 {@code invalidQuery} with ZetaSQL's message), jobs.get
 * (RUNNING once, then DONE), jobs.query and getQueryResults, tables.get and tabledata.list by page token. Values
 * travel as strings; TIMESTAMP as epoch seconds with a fraction; NULL as null.
 */
final class GoogleSqlBigQuery implements AutoCloseable {

    static final String RESULT_DATASET = "_zetasql_results";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB = Pattern.compile(".*/projects/([^/]+)/jobs/([^/]+)");
    private static final Pattern QUERY_RESULTS = Pattern.compile(".*/projects/([^/]+)/queries/([^/]+)");
    private static final Pattern TABLE_DATA = Pattern.compile(".*/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)/data");
    private static final Pattern TABLE = Pattern.compile(".*/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)");

    /** One request as received (body decompressed). */
    record Request(String method, String path, Map<String, String> query, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A finished query job: its resource (as inserted) and where its result lives. */
    private record Job(ObjectNode resource, String destination, AtomicInteger getsBeforeDone) {
    }

    private final GoogleSqlEngine engine;
    private final String project;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger results = new AtomicInteger();

    GoogleSqlBigQuery(GoogleSqlEngine engine, String project) throws IOException {
        this.engine = engine;
        this.project = project;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests(String method, String pathPattern) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The exchange closes after the error answer: a try-with-resources would close it before its catch runs. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String body = new String(body(exchange), StandardCharsets.UTF_8);
            requests.add(new Request(method, path, query, body));
            Matcher m;
            if (method.equals("POST") && path.matches(".*/projects/[^/]+/jobs")) {
                insertJob(exchange, JSON.readTree(body));
            } else if (method.equals("POST") && path.matches(".*/projects/[^/]+/queries")) {
                runQuery(exchange, JSON.readTree(body));
            } else if (method.equals("GET") && (m = JOB.matcher(path)).matches()) {
                getJob(exchange, m.group(2));
            } else if (method.equals("GET") && (m = QUERY_RESULTS.matcher(path)).matches()) {
                getQueryResults(exchange, m.group(2), query);
            } else if (method.equals("GET") && (m = TABLE_DATA.matcher(path)).matches()) {
                listData(exchange, m.group(1) + "." + m.group(2) + "." + m.group(3), query);
            } else if (method.equals("GET") && (m = TABLE.matcher(path)).matches()) {
                getTable(exchange, m.group(1), m.group(2), m.group(3));
            } else {
                sendError(exchange, 404, "notFound", "Not found: " + method + " " + path);
            }
        } catch (QueryFailure e) {
            sendError(exchange, 400, "invalidQuery", e.getMessage());
        } catch (RuntimeException | IOException e) {
            // A bug here shows up as a non-retryable 400 naming it, not as a dropped connection.
            sendError(exchange, 400, "invalid", "GoogleSQL endpoint failed: " + e);
        }
    }

    private void insertJob(HttpExchange exchange, JsonNode request) throws IOException {
        JsonNode configuration = request.path("configuration");
        String jobId = request.path("jobReference").path("jobId").asText(UUID.randomUUID().toString());
        String location = request.path("jobReference").path("location").asText("US");
        ObjectNode job = jobResource(jobId, location, configuration);
        if (configuration.path("dryRun").asBoolean(false)) {
            job.putObject("status").put("state", "DONE");
            send(exchange, 200, job);
            return;
        }
        if (jobs.containsKey(jobId)) {
            sendError(exchange, 409, "duplicate", "Already Exists: Job " + project + ":" + location + "." + jobId);
            return;
        }
        Job created = execute(job, configuration.path("query"), 1);
        jobs.put(jobId, created);
        ObjectNode answer = created.resource().deepCopy();
        answer.putObject("status").put("state", "RUNNING");
        send(exchange, 200, answer);
    }

    /** jobs.query: runs at once and answers the first page; the client reads the rest by getQueryResults. */
    private void runQuery(HttpExchange exchange, JsonNode request) throws IOException {
        String jobId = "query_" + UUID.randomUUID();
        String location = request.path("location").asText("US");
        ObjectNode configuration = JSON.createObjectNode();
        ObjectNode query = configuration.putObject("query");
        query.put("query", request.path("query").asText());
        query.set("queryParameters", request.path("queryParameters"));
        Job created = execute(jobResource(jobId, location, configuration), query, 0);
        jobs.put(jobId, created);
        ObjectNode answer = page(created.destination(), 0, request.path("maxResults").asInt(100_000));
        answer.put("kind", "bigquery#queryResponse");
        answer.set("jobReference", created.resource().path("jobReference"));
        answer.put("jobComplete", true);
        send(exchange, 200, answer);
    }

    private ObjectNode jobResource(String jobId, String location, JsonNode configuration) {
        ObjectNode job = JSON.createObjectNode();
        job.put("kind", "bigquery#job");
        job.put("id", project + ":" + location + "." + jobId);
        ObjectNode reference = job.putObject("jobReference");
        reference.put("projectId", project);
        reference.put("jobId", jobId);
        reference.put("location", location);
        job.set("configuration", configuration.deepCopy());
        ObjectNode statistics = job.putObject("statistics");
        statistics.put("creationTime", "1764250000000");
        statistics.put("startTime", "1764250000100");
        statistics.putObject("query").put("totalBytesProcessed", "10485760");
        return job;
    }

    /** Evaluates the job's SQL and keeps the result as its destination table. */
    private Job execute(ObjectNode job, JsonNode queryConfig, int getsBeforeDone) {
        Table result = engine.run(queryConfig.path("query").asText(), parameters(queryConfig.path("queryParameters")));
        String table = "anon_" + results.incrementAndGet();
        String destination = project + "." + RESULT_DATASET + "." + table;
        engine.put(destination, result);
        ObjectNode destinationRef = ((ObjectNode) job.path("configuration").path("query")).putObject("destinationTable");
        destinationRef.put("projectId", project);
        destinationRef.put("datasetId", RESULT_DATASET);
        destinationRef.put("tableId", table);
        ObjectNode statistics = (ObjectNode) job.path("statistics");
        ((ObjectNode) statistics.path("query")).set("schema", schema(result.columns()));
        statistics.put("endTime", "1764250001000");
        return new Job(job, destination, new AtomicInteger(getsBeforeDone));
    }

    /** Named parameters as the client sends them; only DATE is needed by the extraction SQL. */
    private static Map<String, Value> parameters(JsonNode parameters) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String type = parameter.path("parameterType").path("type").asText();
            JsonNode value = parameter.path("parameterValue").path("value");
            boolean isNull = value.isMissingNode() || value.isNull();
            values.put(name, switch (type) {
                case "DATE" -> isNull ? Value.createNullValue(TypeFactory.createSimpleType(TypeKind.TYPE_DATE))
                        : Value.createDateValue(LocalDate.parse(value.asText()));
                case "INT64" -> isNull ? Value.createNullValue(TypeFactory.createSimpleType(TypeKind.TYPE_INT64))
                        : Value.createInt64Value(Long.parseLong(value.asText()));
                case "STRING" -> isNull ? Value.createNullValue(TypeFactory.createSimpleType(TypeKind.TYPE_STRING))
                        : Value.createStringValue(value.asText());
                default -> throw new QueryFailure("query parameter @" + name + " has type " + type
                        + ", which this endpoint does not take", null);
            });
        }
        return values;
    }

    private void getJob(HttpExchange exchange, String jobId) throws IOException {
        Job job = jobs.get(jobId);
        if (job == null) {
            sendError(exchange, 404, "notFound", "Not found: Job " + project + ":" + jobId);
            return;
        }
        ObjectNode resource = job.resource().deepCopy();
        resource.putObject("status").put("state", job.getsBeforeDone().getAndDecrement() > 0 ? "RUNNING" : "DONE");
        send(exchange, 200, resource);
    }

    private void getQueryResults(HttpExchange exchange, String jobId, Map<String, String> query) throws IOException {
        Job job = jobs.get(jobId);
        if (job == null) {
            sendError(exchange, 404, "notFound", "Not found: Job " + project + ":" + jobId);
            return;
        }
        ObjectNode answer = page(job.destination(), offset(query), maxResults(query));
        answer.put("kind", "bigquery#getQueryResultsResponse");
        answer.set("jobReference", job.resource().path("jobReference"));
        answer.put("jobComplete", true);
        send(exchange, 200, answer);
    }

    private void getTable(HttpExchange exchange, String projectId, String dataset, String tableId) throws IOException {
        Table table = engine.get(projectId + "." + dataset + "." + tableId);
        if (table == null) {
            sendError(exchange, 404, "notFound", "Not found: Table " + projectId + ":" + dataset + "." + tableId);
            return;
        }
        send(exchange, 200, tableResource(projectId, dataset, tableId, schema(table.columns()), table.rows().size()));
    }

    private void listData(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        if (engine.get(path) == null) {
            sendError(exchange, 404, "notFound", "Not found: Table " + path);
            return;
        }
        ObjectNode answer = page(path, offset(query), maxResults(query));
        answer.put("kind", "bigquery#tableDataList");
        answer.put("etag", "\"zetasql\"");
        send(exchange, 200, answer);
    }

    /** Rows [offset, offset + size) of a table, with totalRows, schema and the next page's token. */
    private ObjectNode page(String path, int offset, int size) {
        Table table = engine.get(path);
        int end = Math.min(table.rows().size(), offset + size);
        ObjectNode page = JSON.createObjectNode();
        page.set("schema", schema(table.columns()));
        page.put("totalRows", Integer.toString(table.rows().size()));
        if (end < table.rows().size()) {
            page.put("pageToken", "row-" + end);
        }
        ArrayNode rows = page.putArray("rows");
        for (List<Value> row : table.rows().subList(Math.min(offset, end), end)) {
            ArrayNode cells = rows.addObject().putArray("f");
            for (Value value : row) {
                String wire = wire(value);
                if (wire == null) {
                    cells.addObject().putNull("v");
                } else {
                    cells.addObject().put("v", wire);
                }
            }
        }
        return page;
    }

    private static int offset(Map<String, String> query) {
        if (query.containsKey("pageToken")) {
            return Integer.parseInt(query.get("pageToken").substring("row-".length()));
        }
        return query.containsKey("startIndex") ? Integer.parseInt(query.get("startIndex")) : 0;
    }

    private static int maxResults(Map<String, String> query) {
        return query.containsKey("maxResults") ? Integer.parseInt(query.get("maxResults")) : 100_000;
    }

    /** A value as BigQuery's REST API writes it (typed getters only: Value.toString throws for some types). */
    static String wire(Value value) {
        if (value.isNull()) {
            return null;
        }
        return switch (value.getType().getKind()) {
            case TYPE_INT64 -> Long.toString(value.getInt64Value());
            case TYPE_DOUBLE -> Double.toString(value.getDoubleValue());
            case TYPE_NUMERIC -> value.getNumericValue().stripTrailingZeros().toPlainString();
            case TYPE_BOOL -> Boolean.toString(value.getBoolValue());
            case TYPE_STRING -> value.getStringValue();
            case TYPE_DATE -> LocalDate.ofEpochDay(value.getDateValue()).toString();
            case TYPE_TIMESTAMP -> BigDecimal.valueOf(value.getTimestampUnixMicros(), 6).toPlainString();
            case TYPE_DATETIME -> CivilTimeEncoder.decodePacked64DatetimeSecondsAsJavaTime(
                    value.getDatetimeValue().getBitFieldDatetimeSeconds())
                    .withNano(value.getDatetimeValue().getNanos()).toString();
            default -> throw new IllegalArgumentException("no wire format for type " + value.getType().getKind());
        };
    }

    /** BigQuery's REST (legacy) type names, as the client reads them. */
    private static ObjectNode schema(List<Column> columns) {
        ObjectNode schema = JSON.createObjectNode();
        ArrayNode fields = schema.putArray("fields");
        for (Column column : columns) {
            String type = switch (column.type().getKind()) {
                case TYPE_INT64 -> "INTEGER";
                case TYPE_DOUBLE -> "FLOAT";
                case TYPE_NUMERIC -> "NUMERIC";
                case TYPE_BOOL -> "BOOLEAN";
                case TYPE_STRING -> "STRING";
                case TYPE_DATE -> "DATE";
                case TYPE_DATETIME -> "DATETIME";
                case TYPE_TIMESTAMP -> "TIMESTAMP";
                default -> throw new IllegalArgumentException("result column " + column.name() + " has type "
                        + column.type().getKind() + ", which BigQuery results here never carry");
            };
            fields.addObject().put("name", column.name()).put("type", type).put("mode", "NULLABLE");
        }
        return schema;
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
}
