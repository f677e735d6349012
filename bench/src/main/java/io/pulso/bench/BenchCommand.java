package io.pulso.bench;

import io.pulso.app.embedded.EmbeddedPostgresServer;
import io.pulso.app.embedded.Ports;
import io.pulso.app.runtime.DestinationDatabase;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pulso bench}: measures the load path against baselines in the same run and writes
 * {@code docs/benchmarks/load-benchmark.md} and {@code .png}. Each method × size runs in its own JVM (heap limited
 * by {@code --child-heap}), so the peaks reported are that method's alone.
 */
@Command(name = "pulso bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the dashboard_data load: A COPY+upsert, B JDBC batch, C load path, D whole refresh, E C without run keys, "
                + "F/G whole refresh over BigQuery REST / Storage Read API stand-ins, H/I their extraction alone (F-I opt in).",
                "The BigQuery stand-ins compute each row when they serve it and hold none, so G and I run at 5,000,000 rows too: "
                        + "--sizes 100000,1000000,5000000 --methods A,B,C,D,E,F,G,H,I --large-methods A,C,G,I."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "100000,1000000,5000000", description = "row counts (default: ${DEFAULT-VALUE})")
    List<Long> sizes;

    @Option(names = "--methods", split = ",", defaultValue = "A,B,C,D,E", description = "methods at sizes up to 1,000,000 (default: ${DEFAULT-VALUE})")
    List<Method> methods;

    @Option(names = "--large-methods", split = ",", defaultValue = "A,C",
            description = "methods at sizes above 1,000,000, where B and D cost minutes each on 2 cores; any of A-I, "
                    + "e.g. A,C,G,I for the Read API at 5,000,000 (default: ${DEFAULT-VALUE})")
    List<Method> largeMethods;

    @Option(names = "--out", defaultValue = "docs/benchmarks", description = "where the report goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--child-heap", defaultValue = "512m", description = "-Xmx of each measured JVM (default: ${DEFAULT-VALUE})")
    String childHeap;

    @Option(names = "--allow-truncate", description = "with DATABASE_URL: agree that dashboard_data and the ETL ledger there are emptied")
    boolean allowTruncate;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String databaseUrl = System.getenv("DATABASE_URL");
        if (databaseUrl != null && !allowTruncate) {
            System.err.println("pulso bench: DATABASE_URL is set; the benchmark empties dashboard_data there. "
                    + "Add --allow-truncate to go on, or unset DATABASE_URL to use a throwaway embedded PostgreSQL.");
            return 2;
        }
        Path dataDirectory = databaseUrl == null ? Files.createTempDirectory("pulso-bench-pg") : null;
        EmbeddedPostgresServer postgres = null;
        try {
            DatabaseConfig config;
            if (databaseUrl == null) {
                postgres = EmbeddedPostgresServer.start(dataDirectory, Ports.free());
                config = postgres.database("pulso_bench");
            } else {
                config = DatabaseConfig.fromUrl(databaseUrl, System.getenv("POSTGRES_USER"), System.getenv("POSTGRES_PASSWORD"));
            }
            DestinationDatabase.open(config, TableCatalog.pulso(), 2, "bench-migrate").close();
            BenchDatabase db = new BenchDatabase(config.jdbcUrl(), config.user(), config.password());
            run(db, dataDirectory == null ? null : dataDirectory.toString(), databaseUrl == null ? "embedded PostgreSQL" : "DATABASE_URL");
            return 0;
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (dataDirectory != null) {
                deleteTree(dataDirectory);
            }
        }
    }

    private void run(BenchDatabase db, String dataDirectory, String where) throws Exception {
        MachineInfo machine = MachineInfo.describe(db);
        Results results = new Results();
        String notes = notes(where);
        for (long rows : sizes.stream().sorted().toList()) {
            for (Method method : rows > 1_000_000 ? largeMethods : methods) {
                System.err.printf("bench: %s at %,d rows...%n", method.label, rows);
                results.addAll(ChildProcess.run(method, rows, db, dataDirectory, childHeap,
                        Path.of("target", "bench-logs", method + "-" + rows + ".log")));
                // Written after every method, so an interrupted run still leaves what it measured.
                MarkdownReport.write(out.resolve("load-benchmark.md"), results, machine, command(), notes);
                BarChart.write(out.resolve("load-benchmark.png"), results);
            }
        }
        System.err.println("bench: wrote " + out.resolve("load-benchmark.md") + " and " + out.resolve("load-benchmark.png"));
    }

    private String command() {
        return "./pulso bench --sizes " + String.join(",", sizes.stream().map(String::valueOf).toList()) + " --methods "
                + String.join(",", methods.stream().map(Enum::name).toList()) + " --large-methods "
                + String.join(",", largeMethods.stream().map(Enum::name).toList());
    }

    private String notes(String where) {
        return "Database: " + where + ". Rows: synthetic `dashboard_data` rows computed from their index (40 archivos × 8 "
                + "cartera/servicio pairs per day, days in order), the same for every method and nearly free to produce, so the "
                + "figures are the load's. Cases run in order on one table: all inserts (empty table), all updates (every value "
                + "changed), nothing changed (the same rows again, as a lookback re-read). Each method × size runs in its own JVM "
                + "(-Xmx" + childHeap + "); peak heap is the used heap sampled every 10 ms (garbage included), peak RSS is VmHWM, "
                + "both over that JVM's three cases (D's JVM also hosts the Temporal test server). A CHECKPOINT precedes each "
                + "case. B commits every 10,000 rows, like C's pages. C keeps run keys (one array row per page: dashboard_data deletes vanished rows); D "
                + "is a full refresh, including the finish step's vanished-row check. F-I's BigQuery stand-ins run in the measured JVM and "
                + "compute each row's wire text as they serve it (none held), so their serving is in the figures and in client CPU (its own column, \"of which source\": "
                + "CPU of their serving threads, which a real BigQuery spends on its side). "
                + "Sizes above 1,000,000 run "
                + largeMethods + " only. Other builds may share this machine: compare ratios, which come from one run.";
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("bench: could not remove " + root + ": " + e.getMessage());
        }
    }
}
