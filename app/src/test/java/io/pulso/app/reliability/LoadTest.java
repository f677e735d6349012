package io.pulso.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability suite, slow part: sustained read traffic on the status endpoints (a bounded loopback closed-loop load,
 * {@value #CLIENTS} clients) while full refreshes of every table run. Reports the load's throughput and p50/p99
 * latency and the refresh throughput with and without it. Rounds alternate (quiet, loaded, quiet, loaded) so drift
 * from other work on the machine hits both sides alike.
 */
@Tag("reliability-slow")
class LoadTest {

    private static final int CLIENTS = 4;
    private static final int ROUNDS = 4;
    private static final List<String> TABLES = TableCatalog.pulso().names();

    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static HikariDataSource warehouse;
    private static ApiRuns api;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 17,
                new DemoScale(45, 16, 6_000, 800, 20), LocalDate.of(2026, 11, 20), null, false));
        warehouse = TestDatabase.pool(new DatabaseConfig(stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB), "postgres", null));
        api = new ApiRuns(stack.apiUrl());
        refreshAll(); // the first load, so the measured rounds compare like with like
    }

    @AfterAll
    static void stop() {
        if (warehouse != null) {
            warehouse.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void statusReadsUnderRefreshesStayFastAndRefreshesKeepTheirPace() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/api/v1/etl/status"));
        TABLES.forEach(t -> paths.add("/api/v1/etl/status/table/" + t));
        List<Double> quiet = new ArrayList<>();
        List<Double> loaded = new ArrayList<>();
        List<StatusLoad.Result> loads = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            quiet.add(refreshAll());
            try (StatusLoad load = new StatusLoad(stack.apiUrl(), paths, CLIENTS)) {
                load.start(Duration.ofMinutes(2));
                loaded.add(refreshAll());
                // The load covers the refreshes; it ends at its own bound, cut short here to the refresh's span.
                loads.add(stopEarly(load));
            }
        }

        double quietRate = quiet.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double loadedRate = loaded.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double drop = 100.0 * (quietRate - loadedRate) / quietRate;
        long requests = loads.stream().mapToLong(StatusLoad.Result::requests).sum();
        long non200 = loads.stream().mapToLong(StatusLoad.Result::non200).sum();
        double seconds = loads.stream().mapToDouble(StatusLoad.Result::seconds).sum();
        long p50 = loads.stream().mapToLong(StatusLoad.Result::p50Micros).max().orElseThrow();
        long p99 = loads.stream().mapToLong(StatusLoad.Result::p99Micros).max().orElseThrow();

        assertThat(requests).as("status requests served under load").isPositive();
        assertThat(non200).as("status answers other than 200 under load").isZero();
        Invariants.assertDestinationMatchesSource(warehouse, stack.destination().dataSource(), TABLES);
        for (String table : TABLES) {
            Invariants.logRows(stack.destination().dataSource(), table).forEach(row -> {
                assertThat(row.status()).isEqualTo("succeeded");
                Invariants.assertCountsAndLedgerAgree(stack.destination().dataSource(), row);
            });
        }
        SuiteReport.record("load: status reads during refreshes", drop <= 20 ? "passed" : "target missed",
                String.format("%d clients: %d requests in %.1f s = %.0f req/s, p50 %.1f ms, p99 %.1f ms, 0 errors; "
                                + "refresh %.0f rows/s quiet vs %.0f rows/s loaded (%+.1f %% drop, target <= 20 %%)",
                        CLIENTS, requests, seconds, requests / seconds, p50 / 1000.0, p99 / 1000.0, quietRate, loadedRate,
                        drop));
    }

    private static StatusLoad.Result stopEarly(StatusLoad load) throws Exception {
        load.stop();
        return load.await();
    }

    /** Full refresh of every table at once; the rows extracted per second of wall time until the last run ends. */
    private static double refreshAll() throws Exception {
        long started = System.nanoTime();
        Map<String, String> runs = new LinkedHashMap<>();
        for (String table : TABLES) {
            ApiRuns.Answer answer = api.refresh(table, "{\"mode\": \"full_refresh\"}");
            assertThat(answer.status()).as(table + ": " + answer.body()).isEqualTo(202);
            runs.put(table, answer.body().path("runId").asText());
        }
        long rows = 0;
        for (Map.Entry<String, String> run : runs.entrySet()) {
            var end = api.awaitEnd(run.getValue(), Duration.ofMinutes(3));
            assertThat(end.path("status").asText()).as(run.getKey() + ": " + end).isEqualTo("succeeded");
            rows += end.path("rows").path("extracted").asLong();
        }
        return rows / ((System.nanoTime() - started) / 1e9);
    }
}
