package io.pulso.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.pulso.app.demo.DemoRunner;
import io.pulso.app.demo.SummaryPrinter;
import io.pulso.app.demo.TableSummary;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.json.Json;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `pulso demo`: the embedded stack in a temporary folder, every table refreshed through the API, a summary, exit. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded stack in a fresh temporary folder, refresh all tables through the API and Temporal, "
                + "print a per-table summary and exit (non-zero if any table failed).")
public final class DemoCommand implements Callable<Integer> {

    static final ZoneId LIMA = ZoneId.of("America/Lima");

    @Option(names = "--json", description = "Print the summary as one JSON document on stdout.")
    boolean json;

    @Option(names = "--seed", description = "Seed of the demo data (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--timeout", description = "Seconds to wait for each table (default: ${DEFAULT-VALUE}).", defaultValue = "300")
    long timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("pulso-demo-");
        long started = System.nanoTime();
        List<TableSummary> summaries;
        try (EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("postgres"), 0, 0, 0, seed,
                DemoScale.standard(), LocalDate.now(LIMA), null, false))) {
            summaries = new DemoRunner(stack.apiUrl(), Duration.ofSeconds(timeoutSeconds)).refreshAll(TableCatalog.pulso().names());
        } finally {
            deleteRecursively(folder);
        }
        boolean allSucceeded = summaries.stream().allMatch(TableSummary::succeeded);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            System.out.println(Json.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of(
                    "succeeded", allSucceeded, "totalSeconds", Math.round(seconds * 100) / 100.0, "tables", summaries)));
        } else {
            System.out.println();
            SummaryPrinter.print(System.out, summaries);
            System.out.printf("%n%s in %.1f s (embedded PostgreSQL, in-process Temporal, demo warehouse seed %d)%n",
                    allSucceeded ? "All tables refreshed" : "Some tables FAILED", seconds, seed);
        }
        return allSucceeded ? 0 : 1;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
