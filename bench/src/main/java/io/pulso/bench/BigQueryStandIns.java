package io.pulso.bench;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQueryOptions;
import io.pulso.core.config.Env;
import io.pulso.worker.warehouse.bigquery.BigQueryConfig;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery;
import io.pulso.worker.warehouse.bigquery.FakeBigQueryRead;
import io.pulso.worker.warehouse.bigquery.JobPolling;
import io.pulso.worker.warehouse.bigquery.ReadApiConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The worker's local BigQuery REST endpoint and in-process Storage Read API stand-in serving the synthetic rows as
 * BigQuery's wire text, and a BigQuery warehouse reading them over REST or the Read API. The next case's result is
 * registered untimed ({@link #prepareNext}); its rows are computed as they are served (see {@link #wireRows}).
 */
final class BigQueryStandIns implements AutoCloseable {

    private final long rows;
    private final FakeBigQuery rest;
    private final FakeBigQueryRead read;
    private final BigQueryWarehouse warehouse;
    private int preparedVariant = -1;
    private int nextCase;

    BigQueryStandIns(long rows, boolean readApi) throws Exception {
        this.rows = rows;
        rest = new FakeBigQuery();
        read = new FakeBigQueryRead(rest);
        // Streams as the worker asks by default (BIGQUERY_READ_STREAMS, read from the environment like the worker's).
        int streams = Env.system().integer("BIGQUERY_READ_STREAMS", ReadApiConfig.DEFAULT_MAX_STREAMS, 1, 64);
        read.streamsPerSession(streams);
        read.batchRows(1024);
        BigQueryConfig config = new BigQueryConfig(FakeBigQuery.PROJECT, FakeBigQuery.PROJECT, "BI_USA",
                BigQueryConfig.DEFAULT_VIEW_PREFIX, "US", null, Duration.ofMinutes(10), rest.url(), NoCredentials.getInstance());
        ReadApiConfig readApiConfig = readApi ? new ReadApiConfig(ReadApiConfig.Mode.ON, streams, Duration.ofSeconds(120), null)
                : ReadApiConfig.OFF;
        warehouse = new BigQueryWarehouse(BigQueryOptions.newBuilder().setHost(rest.url()).setProjectId(FakeBigQuery.PROJECT)
                .setCredentials(NoCredentials.getInstance()).build().getService(), config,
                new JobPolling(Duration.ofMillis(5), Duration.ofMillis(50)), readApiConfig,
                readApi ? read.client(readApiConfig) : null);
        prepareNext();
    }

    BigQueryWarehouse warehouse() {
        return warehouse;
    }

    /** Checks the prepared rows are those of {@code variant} (the case about to be timed). */
    void expect(int variant) {
        if (variant != preparedVariant) {
            throw new IllegalStateException("rows of variant " + preparedVariant + " prepared, case wants " + variant);
        }
    }

    /** Untimed: registers the next case's result with the endpoints. */
    void prepareNext() {
        LoadCase[] cases = LoadCase.values();
        if (nextCase < cases.length) {
            int variant = cases[nextCase++].variant;
            if (variant != preparedVariant) {
                rest.result("dashboard_data", wireRows(variant));
                preparedVariant = variant;
            }
        }
    }

    /**
     * The synthetic rows as BigQuery keeps them on the wire (every value as REST text, TIMESTAMP as epoch seconds),
     * computed from their index when the stand-ins read them, so none is held: the child's heap does not grow with
     * the row count, and the conversion (to text for REST, to Arrow for the Read API) is part of the stand-ins' serving,
     * in the timed figures. The
     * watermark job's maximum fecha_foto is given (the last row's day: days rise with the index), not computed over
     * every row in the timed extraction.
     */
    private FakeBigQuery.Result wireRows(int variant) {
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the BigQuery stand-ins serve at most " + Integer.MAX_VALUE + " rows, not " + rows);
        }
        Object[] first = DashboardRows.row(0, variant);
        List<FakeBigQuery.Column> columns = new ArrayList<>();
        for (int c = 0; c < first.length; c++) {
            Object value = first[c];
            String type = value instanceof Integer || value instanceof Long ? "INTEGER"
                    : value instanceof Double ? "FLOAT"
                    : value instanceof Instant ? "TIMESTAMP"
                    : value instanceof LocalDate ? "DATE" : "STRING";
            columns.add(new FakeBigQuery.Column(DashboardRows.COLUMNS.get(c), type));
        }
        Map<String, String> max = rows == 0 ? Map.of() : Map.of(DashboardRows.KEY_COLUMNS.get(0), DashboardRows.day(rows - 1).toString());
        // REST serves the wire text; the Read API stand-in encodes the values into Arrow directly, as BigQuery does.
        return FakeBigQuery.Result.computed(columns, (int) rows, i -> DashboardRows.row(i, variant),
                BigQueryStandIns::wireText, max);
    }

    private static List<String> wireText(Object[] row) {
        String[] text = new String[row.length];
        for (int c = 0; c < row.length; c++) {
            text[c] = row[c] instanceof Instant t
                    ? BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).toPlainString()
                    : row[c].toString();
        }
        return Arrays.asList(text);
    }

    @Override
    public void close() {
        warehouse.close();
        read.close();
        rest.close();
    }
}
