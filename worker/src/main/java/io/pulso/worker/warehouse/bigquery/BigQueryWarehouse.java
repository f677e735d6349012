package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Heartbeat;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.WarehouseException;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production source. An extraction is a query job (deterministic id per run and table, window as named DATE
 * parameters, labels, byte cap); its result is the job's destination table, an immutable snapshot that any worker
 * reads by page token with tabledata.list.
 *
 * <p>The watermark and the row count come from a second, tiny query over that destination table
 * ({@code SELECT MAX(col), COUNT(*)}): the table never changes, so this is the same snapshot as the pages loaded.
 * Computing it inside the extraction as {@code MAX(col) OVER ()} would also work but funnels the whole result
 * through one slot; the second query costs BigQuery's 10 MB minimum and a second or two.
 *
 * <p>Every worker must run as the same identity: a query's result is an anonymous table that only the identity
 * which ran the job may read, and a page read may land on any worker. A read refused as accessDenied says so.
 *
 * <p>With {@code BIGQUERY_READ_API} on or auto, pages are read through the Storage Read API instead
 * ({@link ReadApiPages}); their tokens say so, so a run keeps the path its first page took, and in auto mode a
 * refused read session sends the run (and every later one of this worker) to tabledata.list with one log line.
 *
 * <p>{@link #release} does nothing: results are anonymous tables that BigQuery drops by itself after about a day,
 * and deleting them early would break a late retry of a page read.
 */
public final class BigQueryWarehouse implements Warehouse {

    static final String WINDOW_FROM = "window_from";
    static final String WINDOW_TO = "window_to";
    static final String EXTRACT = "extract";
    static final String WATERMARK = "watermark";

    private static final Logger log = LoggerFactory.getLogger(BigQueryWarehouse.class);

    private final BigQuery bigquery;
    private final BigQueryConfig config;
    private final ReadApiConfig readApiConfig;
    /** The Read API path; null when BIGQUERY_READ_API is off. */
    private final ReadApiPages readApi;
    /** Set once a session was refused in auto mode: this worker reads over REST from then on. */
    private final AtomicBoolean readApiRefused = new AtomicBoolean();
    private final ExtractionQueries queries;
    private final QueryJobs jobs;
    private final BigQueryFailures failures;
    /** Result schemas by result id; a worker that did not run the extraction reads the table's schema once. */
    private final Map<String, RowDecoder> decoders = new ConcurrentHashMap<>();

    public BigQueryWarehouse(BigQuery bigquery, BigQueryConfig config, JobPolling polling) {
        this(bigquery, config, polling, ReadApiConfig.OFF, null);
    }

    /** {@code readClient} is used (and closed by {@link #close}) when {@code readApi} is on or auto. */
    public BigQueryWarehouse(BigQuery bigquery, BigQueryConfig config, JobPolling polling, ReadApiConfig readApi,
                             BigQueryReadClient readClient) {
        this.readApiConfig = Objects.requireNonNull(readApi, "readApi");
        if (readApi.enabled()) {
            Objects.requireNonNull(readClient, "a Read API client is required with BIGQUERY_READ_API=" + readApi.mode());
            this.readApi = new ReadApiPages(readClient, readApi, config.jobProjectId(), Clock.systemUTC());
        } else {
            this.readApi = null;
        }
        this.bigquery = Objects.requireNonNull(bigquery, "bigquery");
        this.config = Objects.requireNonNull(config, "config");
        this.queries = new ExtractionQueries(config);
        this.failures = new BigQueryFailures(config.maxBytesBilled());
        this.jobs = new QueryJobs(bigquery, config, polling, failures);
    }

    public static BigQueryWarehouse create(BigQueryConfig config) {
        return new BigQueryWarehouse(BigQueryClients.create(config), config, JobPolling.standard());
    }

    /** The production source reading results as {@code readApi} says. */
    public static BigQueryWarehouse create(BigQueryConfig config, ReadApiConfig asked) {
        ReadApiConfig readApi = ArrowSupport.usable(asked);
        return new BigQueryWarehouse(BigQueryClients.create(config), config, JobPolling.standard(), readApi,
                readApi.enabled() ? ReadApiClients.create(readApi, config.credentials()) : null);
    }

    @Override
    public ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId, Heartbeat heartbeat) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(window, "window");
        if (runId == null || runId.isBlank()) {
            throw WarehouseException.permanent("invalidRequest", "a run id is required to run an extraction", null);
        }
        QueryJobConfiguration extraction = query(queries.sqlFor(table), table, runId, EXTRACT)
                .setNamedParameters(windowParameters(window)).build();
        Job job = jobs.run(table.name(), EXTRACT, runId, extraction, heartbeat);
        TableId result = destination(job, table.name());
        RowDecoder decoder = decoderFor(result, schemaOf(job), table.name());

        String incremental = table.incrementalColumn();
        if (!decoder.columns().contains(incremental)) {
            throw WarehouseException.permanent("invalidQuery", table.name() + ": the extraction result lacks incremental column "
                    + incremental + " (columns: " + decoder.columns() + ")", null);
        }
        // Identifiers only: the column name comes from the catalog, the table from BigQuery's own job.
        String summarySql = "SELECT CAST(MAX(`" + incremental + "`) AS DATE) AS max_incremental, COUNT(*) AS total_rows FROM `"
                + qualified(result) + "`";
        Job summary = jobs.run(table.name(), WATERMARK, runId, query(summarySql, table, runId, WATERMARK).build(), heartbeat);
        TableId summaryTable = destination(summary, table.name());
        Schema summarySchema = schemaOf(summary);
        if (summarySchema == null) {
            summarySchema = tableSchema(summaryTable, table.name());
        }
        Object[] row = single(summaryTable, new RowDecoder(summarySchema, table.name()), table.name());
        long totalRows = row[1] == null ? 0 : (Long) row[1];
        return new ExtractionHandle(qualified(result), totalRows, (LocalDate) row[0], decoder.columns());
    }

    @Override
    public Page readPage(ExtractionHandle handle, String pageToken, int pageSize) {
        Objects.requireNonNull(handle, "handle");
        TableId result = parse(handle.resultId());
        RowDecoder decoder = decoderFor(result, null, handle.resultId());
        if (readApi != null && (pageToken == null ? !readApiRefused.get() : ReadApiToken.is(pageToken))) {
            try {
                return readApi.read(result, decoder.columns(), pageToken, pageSize);
            } catch (ReadApiPages.Refused e) {
                if (readApiConfig.mode() == ReadApiConfig.Mode.ON || pageToken != null) {
                    throw WarehouseException.permanent("accessDenied", e.getMessage()
                            + (pageToken == null ? " (BIGQUERY_READ_API=on; auto would fall back to tabledata.list)" : ""), e);
                }
                if (readApiRefused.compareAndSet(false, true)) {
                    log.warn("BIGQUERY_READ_API=auto: {}; reading results with tabledata.list from now on", e.getMessage());
                }
            }
        }
        List<BigQuery.TableDataListOption> options = new ArrayList<>();
        // Every call names the page size: the client forgets it after the first page otherwise.
        options.add(BigQuery.TableDataListOption.pageSize(pageSize));
        if (pageToken != null) {
            options.add(BigQuery.TableDataListOption.pageToken(pageToken));
        }
        TableResult page;
        try {
            page = bigquery.listTableData(result, options.toArray(BigQuery.TableDataListOption[]::new));
        } catch (BigQueryException e) {
            throw failures.creatorOnlyRead("reading result " + handle.resultId() + " at page token "
                    + (pageToken == null ? "(first)" : pageToken), "result table " + handle.resultId(), e);
        }
        List<Object[]> rows = new ArrayList<>();
        for (FieldValueList values : page.getValues()) {
            rows.add(decoder.decode(values));
        }
        String next = page.getNextPageToken();
        return new Page(decoder.columns(), rows, next == null || next.isEmpty() ? null : next);
    }

    @Override
    public void release(ExtractionHandle handle) {
        // Anonymous result tables expire on their own (see the class comment); forgetting schema and session is enough.
        decoders.remove(handle.resultId());
        if (readApi != null) {
            readApi.forget(handle.resultId());
        }
    }

    @Override
    public String name() {
        return "bigquery";
    }

    /** Pages read ahead on open ReadRows calls and not yet asked for (0 without the Read API). */
    int pagesReadAhead() {
        return readApi == null ? 0 : readApi.pagesReadAhead();
    }

    /** Whether page reads go through the Storage Read API (false when off, or refused in auto mode). */
    public boolean readsThroughReadApi() {
        return readApi != null && !readApiRefused.get();
    }

    /** Closes the Read API client, if any. */
    public void close() {
        if (readApi != null) {
            readApi.close();
        }
    }

    /** Validates the table's extraction and reports the bytes an unbounded run would scan, without running it. */
    public DryRunResult dryRun(TableDefinition table) {
        QueryJobConfiguration config = query(queries.sqlFor(table), table, "dry-run", "dry_run")
                .setNamedParameters(windowParameters(ExtractionWindow.unbounded()))
                .setDryRun(true)
                .setUseQueryCache(false)
                .build();
        try {
            Job job = bigquery.create(JobInfo.of(config));
            JobStatistics.QueryStatistics stats = job.getStatistics();
            Long bytes = stats == null ? null : stats.getTotalBytesProcessed();
            return new DryRunResult(table.name(), bytes == null ? 0 : bytes);
        } catch (BigQueryException e) {
            throw failures.classify("dry run of " + table.name(), e);
        }
    }

    public BigQueryConfig config() {
        return config;
    }

    private QueryJobConfiguration.Builder query(String sql, TableDefinition table, String runId, String purpose) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", "pulso-etl");
        labels.put("table", JobNaming.labelValue(table.name()));
        labels.put("run_id", JobNaming.labelValue(runId));
        labels.put("purpose", JobNaming.labelValue(purpose));
        QueryJobConfiguration.Builder builder = QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .setLabels(labels);
        if (config.maxBytesBilled() != null) {
            builder.setMaximumBytesBilled(config.maxBytesBilled());
        }
        return builder;
    }

    /** Typed DATE parameters; an open bound is a typed NULL, which the SQL reads as "no limit". */
    static Map<String, QueryParameterValue> windowParameters(ExtractionWindow window) {
        Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
        parameters.put(WINDOW_FROM, date(window.from()));
        parameters.put(WINDOW_TO, date(window.to()));
        return parameters;
    }

    private static QueryParameterValue date(LocalDate value) {
        return QueryParameterValue.newBuilder().setType(StandardSQLTypeName.DATE)
                .setValue(value == null ? null : value.toString()).build();
    }

    private static TableId destination(Job job, String table) {
        if (job.getConfiguration() instanceof QueryJobConfiguration q && q.getDestinationTable() != null) {
            TableId id = q.getDestinationTable();
            return TableId.of(id.getProject() == null ? job.getJobId().getProject() : id.getProject(), id.getDataset(), id.getTable());
        }
        throw WarehouseException.permanent("invalidResult", table + ": job " + job.getJobId().getJob()
                + " finished without a destination table", null);
    }

    private static Schema schemaOf(Job job) {
        return job.getStatistics() instanceof JobStatistics.QueryStatistics stats ? stats.getSchema() : null;
    }

    private RowDecoder decoderFor(TableId result, Schema known, String where) {
        return decoders.computeIfAbsent(qualified(result),
                id -> new RowDecoder(known != null ? known : tableSchema(result, where), where));
    }

    private Schema tableSchema(TableId id, String where) {
        Table table;
        try {
            table = bigquery.getTable(id);
        } catch (BigQueryException e) {
            throw failures.creatorOnlyRead(where + ": reading the schema of " + qualified(id), "result table " + qualified(id), e);
        }
        if (table == null || table.getDefinition() == null || table.getDefinition().getSchema() == null) {
            throw WarehouseException.permanent("notFound", where + ": result table " + qualified(id)
                    + " is gone (results expire about a day after the run)", null);
        }
        return table.getDefinition().getSchema();
    }

    private Object[] single(TableId id, RowDecoder decoder, String where) {
        TableResult result;
        try {
            result = bigquery.listTableData(id, BigQuery.TableDataListOption.pageSize(1));
        } catch (BigQueryException e) {
            throw failures.creatorOnlyRead(where + ": reading " + qualified(id), "result table " + qualified(id), e);
        }
        for (FieldValueList values : result.getValues()) {
            return decoder.decode(values);
        }
        throw WarehouseException.retryable("invalidResult", where + ": summary " + qualified(id) + " has no row", null);
    }

    static String qualified(TableId id) {
        return id.getProject() + "." + id.getDataset() + "." + id.getTable();
    }

    static TableId parse(String resultId) {
        String[] parts = resultId == null ? new String[0] : resultId.split("\\.");
        // Domain-scoped projects contain dots too: the last two parts are dataset and table.
        if (parts.length < 3) {
            throw WarehouseException.permanent("invalidRequest", "not a BigQuery result id (project.dataset.table): " + resultId, null);
        }
        String project = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 2));
        return TableId.of(project, parts[parts.length - 2], parts[parts.length - 1]);
    }
}
