package io.pulso.bench;

import io.pulso.app.embedded.Ports;
import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.app.runtime.WorkerRuntime;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.temporal.testserver.TestServer;

/**
 * D, the whole refresh: a full refresh of {@code dashboard_data} started through the API's starter on the
 * port-bound Temporal test server, run by the real worker (activities, ledger, heartbeats, finish with vanished-row
 * deletion) over the synthetic warehouse. Timed from the start request to the workflow's result.
 */
final class WholeRefresh implements LoadMethod {

    private final TestServer.PortBoundTestServer server;
    private final TemporalConnection temporal;
    private final DestinationDatabase destination;
    private final WorkerRuntime worker;
    private final SyntheticWarehouse warehouse;
    private final RefreshStarter starter;

    WholeRefresh(BenchDatabase db, long rows) {
        int port = Ports.free();
        server = TestServer.createPortBoundServer(port);
        temporal = TemporalConnection.connect(new TemporalConfig("127.0.0.1:" + port, "default", "pulso-bench"));
        TableCatalog catalog = TableCatalog.pulso();
        destination = DestinationDatabase.open(db.config(), catalog, 4, "bench-worker");
        warehouse = new SyntheticWarehouse(rows);
        worker = WorkerRuntime.start(temporal, catalog, destination, warehouse);
        starter = new RefreshStarter(temporal.client(), "pulso-bench");
    }

    @Override
    public String load(int variant) {
        warehouse.variant(variant);
        StartedRun run = starter.start(new RefreshRequest("dashboard_data", RefreshMode.FULL_REFRESH, null, null, null,
                Trigger.API, null));
        RefreshResult result = temporal.client().newUntypedWorkflowStub(run.workflowId(),
                java.util.Optional.of(run.runId()), java.util.Optional.empty()).getResult(RefreshResult.class);
        if (result.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("refresh " + run.runId() + " ended " + result.status() + ": " + result.error());
        }
        return result.counts() + " in " + result.pages() + " pages";
    }

    @Override
    public void close() {
        worker.close();
        temporal.close();
        server.close();
        destination.close();
    }
}
