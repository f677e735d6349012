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
 * Both endpoints serve the synthetic rows as BigQuery's wire text, computed from their index as they are read (none
 * held), so their serving (text, then JSON or Arrow) runs in this JVM too: client CPU here includes the source's.
 * Timed from the start request to the workflow's result.
 */
final class BigQueryRefresh implements LoadMethod {

    private final BigQueryStandIns source;
    private final TestServer.PortBoundTestServer server;
    private final TemporalConnection temporal;
    private final DestinationDatabase destination;
    private final WorkerRuntime worker;
    private final RefreshStarter starter;

    BigQueryRefresh(BenchDatabase db, long rows, boolean readApi) throws Exception {
        source = new BigQueryStandIns(rows, readApi);
        BigQueryWarehouse warehouse = source.warehouse();
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
        source.expect(variant);
        StartedRun run = starter.start(new RefreshRequest("dashboard_data", RefreshMode.FULL_REFRESH, null, null, null,
                Trigger.API, null));
        RefreshResult result = temporal.client().newUntypedWorkflowStub(run.workflowId(), Optional.of(run.runId()),
                Optional.empty()).getResult(RefreshResult.class);
        if (result.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("refresh " + run.runId() + " ended " + result.status() + ": " + result.error());
        }
        return result.counts() + " in " + result.pages() + " pages";
    }

    @Override
    public void afterCase() {
        source.prepareNext();
    }

    @Override
    public void close() throws Exception {
        worker.close();
        temporal.close();
        server.close();
        destination.close();
        source.close();
    }
}
