package io.pulso.bench;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQueryOptions;
import io.pulso.app.embedded.Ports;
import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.app.runtime.WorkerRuntime;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.worker.warehouse.bigquery.BigQueryConfig;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery;
import io.pulso.worker.warehouse.bigquery.FakeBigQueryRead;
import io.pulso.worker.warehouse.bigquery.JobPolling;
import io.pulso.worker.warehouse.bigquery.ReadApiConfig;
import io.temporal.testserver.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * F and G, D's whole refresh of {@code dashboard_data} with the BigQuery warehouse instead of the synthetic one: the
 * real REST client runs the extraction and watermark jobs against the worker's local REST endpoint, and reads the
 * pages with tabledata.list (F) or through the Storage Read API from the in-process gRPC stand-in, in Arrow (G).
 * Both endpoints hold the synthetic rows as BigQuery's wire text, so their serving (JSON or Arrow) runs in this JVM
 * too: client CPU here includes the source's. Timed from the start request to the workflow's result.
 */
final class BigQueryRefresh implements LoadMethod {

    private final long rows;
    private final FakeBigQuery rest;
    private final FakeBigQueryRead read;
    private final BigQueryWarehouse warehouse;
    private final TestServer.PortBoundTestServer server;
    private final TemporalConnection temporal;
    private final DestinationDatabase destination;
    private final WorkerRuntime worker;
    private final RefreshStarter starter;

    BigQueryRefresh(BenchDatabase db, long rows, boolean readApi) throws Exception {
        this.rows = rows;
        rest = new FakeBigQuery();
        read = new FakeBigQueryRead(rest);
        read.streamsPerSession(1);
        read.batchRows(1024);
        BigQueryConfig config = new BigQueryConfig(FakeBigQuery.PROJECT, FakeBigQuery.PROJECT, "BI_USA",
                BigQueryConfig.DEFAULT_VIEW_PREFIX, "US", null, Duration.ofMinutes(10), rest.url(), NoCredentials.getInstance());
        ReadApiConfig readApiConfig = readApi ? new ReadApiConfig(ReadApiConfig.Mode.ON, 1, Duration.ofSeconds(120), null)
                : ReadApiConfig.OFF;
        warehouse = new BigQueryWarehouse(BigQueryOptions.newBuilder().setHost(rest.url()).setProjectId(FakeBigQuery.PROJECT)
                .setCredentials(NoCredentials.getInstance()).build().getService(), config,
                new JobPolling(Duration.ofMillis(5), Duration.ofMillis(50)), readApiConfig,
                readApi ? read.client(readApiConfig) : null);
        int port = Ports.free();
        server = TestServer.createPortBoundServer(port);
        temporal = TemporalConnection.connect(new TemporalConfig("127.0.0.1:" + port, "default", "pulso-bench"));
        TableCatalog catalog = TableCatalog.pulso();
        destination = DestinationDatabase.open(db.config(), catalog, 4, "bench-worker");
        worker = WorkerRuntime.start(temporal, catalog, destination, warehouse);
        starter = new RefreshStarter(temporal.client(), "pulso-bench");
    }

    @Override
    public String load(int variant) {
        rest.result("dashboard_data", wireRows(variant));
        StartedRun run = starter.start(new RefreshRequest("dashboard_data", RefreshMode.FULL_REFRESH, null, null, null,
                Trigger.API, null));
        RefreshResult result = temporal.client().newUntypedWorkflowStub(run.workflowId(), Optional.of(run.runId()),
                Optional.empty()).getResult(RefreshResult.class);
        if (result.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("refresh " + run.runId() + " ended " + result.status() + ": " + result.error());
        }
        return result.counts() + " in " + result.pages() + " pages";
    }

    /** The synthetic rows as BigQuery keeps them on the wire: every value as REST text, TIMESTAMP as epoch seconds. */
    private FakeBigQuery.Result wireRows(int variant) {
        Object[] first = DashboardRows.row(0, variant);
        List<FakeBigQuery.Column> columns = new ArrayList<>();
        for (int c = 0; c < first.length; c++) {
            Object value = first[c];
            String type = value instanceof Integer || value instanceof Long ? "INTEGER"
                    : value instanceof Double ? "FLOAT"
                    : value instanceof Instant ? "TIMESTAMP"
                    : value instanceof java.time.LocalDate ? "DATE" : "STRING";
            columns.add(new FakeBigQuery.Column(DashboardRows.COLUMNS.get(c), type));
        }
        List<List<String>> wire = new ArrayList<>((int) rows);
        for (long i = 0; i < rows; i++) {
            Object[] row = DashboardRows.row(i, variant);
            String[] text = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                text[c] = row[c] instanceof Instant t
                        ? BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).toPlainString()
                        : row[c].toString();
            }
            wire.add(Arrays.asList(text));
        }
        return new FakeBigQuery.Result(columns, wire);
    }

    @Override
    public void close() throws Exception {
        worker.close();
        temporal.close();
        server.close();
        destination.close();
        warehouse.close();
        read.close();
        rest.close();
    }
}
