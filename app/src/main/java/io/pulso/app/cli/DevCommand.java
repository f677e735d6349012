package io.pulso.app.cli;

import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.app.runtime.WarehouseSelection;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.bigquery.BigQueryConfig;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import io.pulso.app.PulsoCli;
import io.pulso.core.config.Env;

/** `pulso dev`: the whole system on the embedded default, data kept between runs, until Ctrl-C. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run everything in one process: embedded PostgreSQL, in-process Temporal, demo warehouse (or BigQuery "
                + "with --warehouse bigquery), worker and API. Creates each table's schedule at its refresh interval unless "
                + "SCHEDULES=off.")
public final class DevCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where the embedded PostgreSQL keeps its data (default: ${DEFAULT-VALUE}).",
            defaultValue = ".pulso-data")
    Path dataDir;

    @Option(names = "--port", description = "API port (default: ${DEFAULT-VALUE}).", defaultValue = "8000")
    int port;

    @Option(names = "--pg-port", description = "Embedded PostgreSQL port (default: ${DEFAULT-VALUE}).", defaultValue = "54329")
    int pgPort;

    @Option(names = "--temporal-port", description = "In-process Temporal server port (default: ${DEFAULT-VALUE}).",
            defaultValue = "7233")
    int temporalPort;

    @Option(names = "--seed", description = "Seed of the demo data generated on first start (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--warehouse", paramLabel = "demo|bigquery",
            description = "Source of the refreshes: demo (the embedded demo warehouse) or bigquery (configured by the "
                    + "BIGQUERY_* variables and GOOGLE_APPLICATION_CREDENTIALS, as for `pulso worker`). "
                    + "Default: WAREHOUSE, else demo.")
    String warehouse;

    @ParentCommand
    PulsoCli root;

    @Override
    public Integer call() throws InterruptedException {
        // SCHEDULES=off starts without the catalog's schedules (validated: on/off, true/false, 1/0).
        boolean schedules = root.env().flag("SCHEDULES", true);
        // The in-process worker honours the worker's settings too, so a `pulso worker` added beside it behaves alike.
        WorkerSettings workerSettings = WorkerSettings.fromEnv(root.env());
        // Chosen and validated (BigQuery credentials included) before anything starts.
        Warehouse source = source(warehouse, root.env());
        AlertSettings alerts = AlertSettings.fromEnv(root.env());
        CountDownLatch stopped = new CountDownLatch(1);
        // A fresh key each start: even on a laptop, refreshes are started only by whoever read the banner.
        String apiKey = ApiKeys.generate();
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Options(dataDir.resolve("postgres"), port, pgPort,
                temporalPort, seed, DemoScale.standard(), LocalDate.now(DemoCommand.LIMA), System.getenv("TEMPORAL_UI_URL"),
                apiKey, schedules, workerSettings, source), alerts, AlertLinks.fromEnv(root.env(), "default"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("pulso dev: stopping (worker, API, Temporal, PostgreSQL)...");
            stack.close();
            stopped.countDown();
        }, "pulso-dev-shutdown"));
        printBanner(System.out, stack, apiKey);
        stopped.await();
        return 0;
    }

    /**
     * The warehouse dev's worker reads: {@code --warehouse}, else {@code WAREHOUSE}, else the embedded demo warehouse
     * (null). A value dev cannot honour is a configuration error, never a silent fallback to the demo.
     */
    static Warehouse source(String option, Env env) {
        String setting = option != null ? "--warehouse" : "WAREHOUSE";
        String value = option != null ? option : env.get("WAREHOUSE", "demo");
        return WarehouseSelection.Kind.parse(setting, value) == WarehouseSelection.Kind.BIGQUERY
                ? WarehouseSelection.bigQuery(env) : null;
    }

    static void printBanner(PrintStream out, EmbeddedStack stack, String apiKey) {
        String api = stack.apiUrl();
        String auth = " -H 'Authorization: Bearer " + apiKey + "'";
        out.println();
        out.println("Pulso ETL is running (embedded default). Ctrl-C stops everything.");
        out.println();
        out.println("  Console          " + api + "/   (open in a browser; actions ask for the API key below)");
        out.println("  API              " + api + "/api/v1/etl   (OpenAPI: " + api + "/openapi.json, metrics: " + api + "/metrics)");
        out.println("  API key          " + apiKey + "   (new each start; POST requests need it)");
        out.println("  PostgreSQL       " + stack.postgres().jdbcUrl(EmbeddedStack.DESTINATION_DB) + "  (user postgres, no password)");
        out.println("                   " + stack.postgres().psqlCommand(EmbeddedStack.DESTINATION_DB));
        if (stack.source() instanceof BigQueryWarehouse bigquery) {
            BigQueryConfig config = bigquery.config();
            out.println("  Warehouse        BigQuery " + config.projectId() + "." + config.dataset() + " (jobs in "
                    + config.jobProjectId() + ", " + config.location() + (config.host() == null ? "" : ", at " + config.host())
                    + "; queries are billed)");
        } else {
            out.println("  Demo warehouse   " + stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB));
        }
        out.println("  Temporal         " + stack.temporalAddress() + "  (namespace default, task queue "
                + stack.temporal().config().taskQueue() + ")");
        out.println();
        out.println("Try:");
        out.println("  curl -s -X POST " + api + "/api/v1/etl/refresh/dashboard" + auth + " -H 'Content-Type: application/json' -d '{}'");
        out.println("  curl -s -X POST " + api + "/api/v1/etl/refresh/table/operation_data" + auth + " -H 'Content-Type: application/json'"
                + " -d '{\"mode\":\"sliding_window\",\"days\":3}'");
        out.println("  curl -s " + api + "/api/v1/etl/status");
        out.println("  curl -s " + api + "/api/v1/etl/schedules     (timer workflows here; Temporal Schedules on a real server)");
        out.println();
        out.flush();
    }
}
