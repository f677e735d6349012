package io.pulso.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.app.runtime.TemporalConnection;
import io.pulso.app.runtime.WorkerRuntime;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.TemporalConfig;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.demo.DemoWarehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent triggers and concurrent workers against the embedded stack: one table refreshed by a burst of requests
 * starts exactly one run, and every table refreshed at once by two workers on the same task queue ends as the
 * source defines it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyTest {

    private static final List<String> TABLES = TableCatalog.pulso().names();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final int BURST = 100;

    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static HikariDataSource warehouse;
    private static ApiRuns api;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 11, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, false));
        warehouse = TestDatabase.pool(new DatabaseConfig(stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB), "postgres", null));
        api = new ApiRuns(stack.apiUrl());
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
    @Order(1)
    void aBurstOfRequestsForOneTableStartsExactlyOneRun() throws Exception {
        String table = "dashboard_data";
        List<ApiRuns.Answer> answers;
        // The run cannot write its log row while this lock is held, so it is still running when the last request
        // arrives: without it a fast run could end mid-burst and a late request would rightly start a second one.
        try (Connection lock = stack.destination().dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE etl_execution_log IN EXCLUSIVE MODE");
            }
            answers = burst(table);
            lock.commit();
        }

        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        answers.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        assertThat(byStatus).as("answers by status").containsOnlyKeys(202, 409).containsEntry(202, 1L)
                .containsEntry(409, (long) BURST - 1);
        String runId = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow().body().path("runId").asText();
        assertThat(answers).filteredOn(a -> a.status() == 409).allSatisfy(conflict -> {
            assertThat(conflict.body().path("error").asText()).isEqualTo("already_running");
            assertThat(conflict.body().path("runId").asText()).isEqualTo(runId);
            assertThat(conflict.body().path("statusUrl").asText()).isEqualTo("/api/v1/etl/runs/" + runId);
        });

        assertThat(api.awaitEnd(runId, RUN_TIMEOUT).path("status").asText()).isEqualTo("succeeded");
        List<Invariants.LogRow> log = Invariants.logRows(stack.destination().dataSource(), table);
        assertThat(log).as("execution log of " + table).hasSize(1);
        assertThat(log.get(0).runId()).isEqualTo(runId);
        Invariants.assertCountsAndLedgerAgree(stack.destination().dataSource(), log.get(0));
        Invariants.assertDestinationMatchesSource(warehouse, stack.destination().dataSource(), List.of(table));
        Invariants.assertWatermarkIsSourceMaximum(warehouse, stack.destination().dataSource(), table);
    }

    private static List<ApiRuns.Answer> burst(String table) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiRuns.Answer>> sent = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return api.refresh(table, "{}");
                }));
            }
            go.countDown();
            List<ApiRuns.Answer> answers = new ArrayList<>();
            for (Future<ApiRuns.Answer> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void everyTableRefreshedAtOnceByTwoWorkersMatchesTheSource() throws Exception {
        try (TemporalConnection second = TemporalConnection.connect(new TemporalConfig(stack.temporalAddress(), "default",
                TemporalConfig.DEFAULT_TASK_QUEUE));
             WorkerRuntime secondWorker = WorkerRuntime.start(second, TableCatalog.pulso(), stack.destination(),
                     new DemoWarehouse(warehouse))) {
            Map<String, String> runIds = new LinkedHashMap<>();
            for (String table : TABLES) {
                ApiRuns.Answer started = api.refresh(table, "{}");
                assertThat(started.status()).as(table + ": " + started.body()).isEqualTo(202);
                runIds.put(table, started.body().path("runId").asText());
            }
            for (Map.Entry<String, String> run : runIds.entrySet()) {
                assertThat(api.awaitEnd(run.getValue(), RUN_TIMEOUT).path("status").asText()).as(run.getKey())
                        .isEqualTo("succeeded");
            }
            for (String table : TABLES) {
                List<Invariants.LogRow> log = Invariants.logRows(stack.destination().dataSource(), table);
                assertThat(log).as("one log row per run of " + table).extracting(Invariants.LogRow::runId)
                        .endsWith(runIds.get(table)).doesNotHaveDuplicates()
                        .hasSize(table.equals("dashboard_data") ? 2 : 1);
                assertThat(log).allSatisfy(row -> assertThat(row.status()).isEqualTo("succeeded"));
                log.forEach(row -> Invariants.assertCountsAndLedgerAgree(stack.destination().dataSource(), row));
                Invariants.assertWatermarkIsSourceMaximum(warehouse, stack.destination().dataSource(), table);
            }
            Invariants.assertDestinationMatchesSource(warehouse, stack.destination().dataSource(), TABLES);
        }
        assertThat(api.get("/status").status()).isEqualTo(200);
    }
}
