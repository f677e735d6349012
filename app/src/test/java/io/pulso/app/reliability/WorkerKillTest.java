package io.pulso.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.demo.DemoSourceAggregates;
import io.pulso.worker.warehouse.demo.ExpectedTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability case (d): the worker is a separate {@code pulso worker} process; it is SIGKILLed at a seeded random page
 * of a multi-page refresh and a fresh process is started, 20 times across the five tables and the incremental, full and
 * backfill modes. Each run must complete once, with no page loaded (or counted) twice, the destination equal to the
 * source recomputed independently for the run's window, the watermark right and the API answering.
 *
 * <p>The workers run with a 3 s LoadPages heartbeat timeout and pages of 4 rows (LOAD_HEARTBEAT_TIMEOUT, PAGE_SIZE),
 * so a killed worker's page load is retried within seconds and every refresh has several pages. The API and Temporal
 * test server run in this JVM without a refresh worker of their own.
 */
@Tag("reliability-slow")
class WorkerKillTest {

    private static final int KILLS = Integer.getInteger("reliability.kills", 20);
    private static final int PAGE_SIZE = 4;
    private static final int HEARTBEAT_SECONDS = 3;
    private static final LocalDate END = LocalDate.of(2026, 11, 20);
    /** Three weeks; 16 files so assignment_data (one row per month, file and portfolio) spans several pages too. */
    private static final DemoScale SCALE = new DemoScale(21, 16, 800, 60, 4);
    private static final List<String> TABLES = TableCatalog.pulso().names();
    private static final List<RefreshMode> MODES = List.of(RefreshMode.INCREMENTAL, RefreshMode.FULL_REFRESH,
            RefreshMode.BACKFILL);
    private static final Path LOGS = Path.of("target", "worker-kill");

    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static HikariDataSource warehouse;
    private static DemoSourceAggregates source;
    private static ApiRuns api;
    private static WorkerProcess worker;
    private static int workersStarted;

    /**
     * One kill: what to refresh, where in the run's pages to kill ({@code killAt} in [0, 1)), and how long after that
     * page's commit is seen ({@code delayMillis}, 0-4 ms, about one page's time here), so kills land anywhere in a page.
     */
    record Case(String table, RefreshMode mode, LocalDate from, LocalDate to, double killAt, int delayMillis) {

        String body() {
            return switch (mode) {
                case BACKFILL -> "{\"mode\":\"backfill\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
                case FULL_REFRESH -> "{\"mode\":\"full_refresh\"}";
                default -> "{\"mode\":\"incremental\"}";
            };
        }

        String describe() {
            return mode.wireName() + (mode == RefreshMode.BACKFILL ? " " + from + ".." + to : "");
        }
    }

    /** What one kill measured. */
    record Kill(Case planned, long rows, int pages, int target, int delayMillis, long committedAtKill, int exitCode,
                int attempts, Duration recovery) {
    }

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 23, SCALE, END, null, false)
                .withWorker(null));
        warehouse = TestDatabase.pool(new DatabaseConfig(stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB), "postgres", null));
        source = DemoSourceAggregates.load(warehouse); // the demo source does not change during the test
        api = new ApiRuns(stack.apiUrl());
        worker = startWorker();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (warehouse != null) {
            warehouse.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static WorkerProcess startWorker() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", stack.postgres().jdbcUrl(EmbeddedStack.DESTINATION_DB));
        env.put("POSTGRES_USER", "postgres");
        env.put("TEMPORAL_ADDRESS", stack.temporalAddress());
        env.put("WAREHOUSE", "demo");
        env.put("DEMO_WAREHOUSE_URL", stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB));
        env.put("METRICS_PORT", "0");
        env.put("LOAD_HEARTBEAT_TIMEOUT", String.valueOf(HEARTBEAT_SECONDS));
        // The socket timeout must stay below the heartbeat timeout (checked at start); pages of 4 rows take milliseconds.
        env.put("WORKER_DB_SOCKET_TIMEOUT", String.valueOf(HEARTBEAT_SECONDS - 1));
        env.put("WORKER_DB_STATEMENT_TIMEOUT", "1500ms");
        env.put("PAGE_SIZE", String.valueOf(PAGE_SIZE));
        // The Java test server never moves a workflow task off a dead worker's sticky queue; a real server does after
        // this timeout. Without stickiness every workflow task goes to the shared queue, which any worker polls.
        env.put("STICKY_SCHEDULE_TO_START_TIMEOUT", "0");
        workersStarted++;
        return WorkerProcess.start(env, LOGS.resolve("worker-" + workersStarted + ".log"));
    }

    @Test
    void aWorkerKilledAtARandomPageIsReplacedAndEveryRunCompletesOnceWithExactCounts() throws Exception {
        long seed = Long.getLong("reliability.seed", 20261127L);
        Instant began = Instant.now();
        List<Kill> kills = new ArrayList<>();
        Map<String, Integer> runsPerTable = new HashMap<>();
        Set<String> loadedWhole = new HashSet<>();
        for (Case planned : plan(new Random(seed))) {
            Kill kill = killDuringRefresh(planned);
            kills.add(kill);
            runsPerTable.merge(planned.table(), 1, Integer::sum);
            if (planned.mode() != RefreshMode.BACKFILL) {
                loadedWhole.add(planned.table()); // a full refresh, or an incremental one that reads back far enough
            }
            checkAfter(kill, runsPerTable.get(planned.table()), loadedWhole);
        }
        Duration total = Duration.between(began, Instant.now());
        String details = report(seed, kills, total);
        System.out.println(details);
        SuiteReport.details("worker-kill", details);
        SuiteReport.record("worker killed", kills.size() + "/" + KILLS + " passed", summary(kills, total));
    }

    /**
     * 20 cases: every (table, mode) pair once, then five more, in a seeded order; backfill windows of 7–13 days in the
     * three weeks of data. The first refresh of a table in incremental mode reads the whole source (no watermark yet).
     */
    static List<Case> plan(Random random) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            LocalDate from = END.minusDays(8 + random.nextInt(13));
            LocalDate to = from.plusDays(6 + random.nextInt(7));
            cases.add(new Case(TABLES.get(i % TABLES.size()), MODES.get(i % MODES.size()), from,
                    to.isAfter(END) ? END : to, random.nextDouble(), random.nextInt(5)));
        }
        Collections.shuffle(cases, random);
        return cases;
    }

    private Kill killDuringRefresh(Case planned) throws Exception {
        long rowsBefore = Invariants.count(destination(), "SELECT count(*) FROM " + planned.table());
        ApiRuns.Answer started = api.refresh(planned.table(), planned.body());
        assertThat(started.status()).as(planned + ": " + started.body()).isEqualTo(202);
        String runId = started.body().path("runId").asText();

        // BeginRun fixes the window; the source, recomputed for it, says how many rows and so how many pages the run has.
        ExtractionWindow window = awaitWindow(runId);
        long rows = source.expected(planned.table(), window).rows().size();
        int pages = (int) Math.max(1, (rows + PAGE_SIZE - 1) / PAGE_SIZE);
        assertThat(pages).as(planned + ": a run to kill mid-way needs 2+ pages, has " + rows + " rows").isGreaterThan(1);
        int target = 1 + (int) (planned.killAt() * (pages - 1)); // kill once 1..pages-1 pages are committed

        awaitCommittedPages(runId, target);
        int delay = target < pages - 1 ? planned.delayMillis() : 0; // before the last page, no delay: it may be quick
        Thread.sleep(delay);
        Instant killed = Instant.now();
        int exitCode = worker.kill();
        long committedAtKill = ledgerPages(runId);
        String statusAtKill = runStatus(runId);
        worker = startWorker();

        JsonNode end;
        try {
            end = api.awaitEnd(runId, Duration.ofMinutes(3));
        } catch (AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + "\nledger pages " + ledgerPages(runId) + " of " + pages
                    + "; history:\n" + history(planned.table(), runId), stuck);
        }
        Duration recovery = Duration.between(killed, Instant.now());
        assertThat(exitCode).as("exit code of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
        assertThat(end.path("status").asText()).as(planned + " run " + runId + ": " + end).isEqualTo("succeeded");
        // The workflow itself closed once, successfully, with the counts the log shows.
        RefreshResult result = stack.temporal().client().newUntypedWorkflowStub(WorkflowIds.refresh(planned.table()),
                Optional.of(runId), Optional.empty()).getResult(60, TimeUnit.SECONDS, RefreshResult.class);
        assertThat(result.pages()).as("pages of " + runId).isEqualTo(pages);
        assertThat(result.counts().extracted()).as("rows of " + runId).isEqualTo(rows);

        Invariants.LogRow log = onlyLogRow(planned.table(), runId);
        assertThat(log.inserted() - log.deleted()).as("rows added to " + planned.table() + " by " + runId)
                .isEqualTo(Invariants.count(destination(), "SELECT count(*) FROM " + planned.table()) - rowsBefore);
        assertThat(new long[] {log.inserted(), log.updated(), log.unchanged(), log.deleted()})
                .as("log counts = workflow counts").containsExactly(result.counts().inserted(), result.counts().updated(),
                        result.counts().unchanged(), result.counts().deleted());
        assertThat(statusAtKill).as("the kill hit the run before it ended").isEqualTo("running");
        return new Kill(planned, rows, pages, target, delay, committedAtKill, exitCode, log.attempts(), recovery);
    }

    /**
     * The checks every case ends with: the run's log row and ledger, the table against the source for the run's window,
     * every table refreshed whole so far against the whole source, the watermark, the API.
     */
    private void checkAfter(Kill kill, int runsOfTable, Set<String> loadedWhole) throws Exception {
        String table = kill.planned().table();
        List<Invariants.LogRow> log = Invariants.logRows(destination(), table);
        assertThat(log).as("one execution-log row per run of " + table).hasSize(runsOfTable)
                .extracting(Invariants.LogRow::runId).doesNotHaveDuplicates();
        assertThat(log).allSatisfy(row -> assertThat(row.status()).isEqualTo("succeeded"));
        Invariants.LogRow run = log.get(log.size() - 1);
        Invariants.assertCountsAndLedgerAgree(destination(), run);
        assertThat(run.extracted()).isEqualTo(kill.rows());
        assertThat(run.pages()).isEqualTo(kill.pages());

        ExtractionWindow window = window(run.windowFrom(), run.windowTo());
        ExpectedTable expected = source.expected(table, window);
        expected.destinationView().diffAgainst(destination()).assertMatches();
        Invariants.assertDestinationMatchesSource(source, destination(), List.copyOf(loadedWhole));
        if (kill.planned().mode() == RefreshMode.BACKFILL) {
            assertThat(Invariants.watermark(destination(), table)).as("a backfill leaves the watermark")
                    .isEqualTo(run.watermarkBefore());
        } else {
            Invariants.assertWatermarkIsSourceMaximum(source, destination(), table);
        }
        assertThat(run.watermarkAfter()).isEqualTo(Invariants.watermark(destination(), table));
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/status").status()).isEqualTo(200);
        worker.assertAlive();
    }

    private static ExtractionWindow awaitWindow(String runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90)); // the first case waits for the first worker's JVM
        while (Instant.now().isBefore(deadline)) {
            Optional<String[]> window = query("SELECT window_from::text, window_to::text FROM etl_execution_log "
                    + "WHERE run_id = ?", runId, rs -> new String[] {rs.getString(1), rs.getString(2)});
            if (window.isPresent()) {
                return window(window.get()[0], window.get()[1]);
            }
            worker.assertAlive();
            Thread.sleep(20);
        }
        throw new AssertionError("run " + runId + " did not begin within 90 s");
    }

    /** Polls the ledger closely, so the kill lands as near the chosen page as a separate process allows. */
    private static void awaitCommittedPages(String runId, int pages) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (ledgerPages(runId) < pages) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run " + runId + " did not commit " + pages + " pages within 90 s");
            }
            worker.assertAlive();
            Thread.sleep(2);
        }
    }

    private static String history(String table, String runId) {
        StringBuilder out = new StringBuilder();
        for (var event : stack.temporal().client().fetchHistory(WorkflowIds.refresh(table), runId).getEvents()) {
            out.append(Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos()))
                    .append(' ').append(event.getEventType()).append(' ').append(event.getAttributesCase()).append('\n');
        }
        return out.toString();
    }

    private static long ledgerPages(String runId) throws SQLException {
        return query("SELECT count(*) FROM etl_page_ledger WHERE run_id = ?", runId, rs -> rs.getLong(1)).orElseThrow();
    }

    private static String runStatus(String runId) throws SQLException {
        return query("SELECT status FROM etl_execution_log WHERE run_id = ?", runId, rs -> rs.getString(1)).orElseThrow();
    }

    private static Invariants.LogRow onlyLogRow(String table, String runId) {
        List<Invariants.LogRow> rows = Invariants.logRows(destination(), table).stream()
                .filter(row -> row.runId().equals(runId)).toList();
        assertThat(rows).as("execution-log rows of run " + runId).hasSize(1);
        return rows.get(0);
    }

    private static ExtractionWindow window(String from, String to) {
        return new ExtractionWindow(from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> Optional<T> query(String sql, String parameter, RowReader<T> reader) throws SQLException {
        try (Connection c = destination().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        }
    }

    private static DataSource destination() {
        return stack.destination().dataSource();
    }

    private static String report(long seed, List<Kill> kills, Duration total) {
        StringBuilder out = new StringBuilder("Worker killed (seed " + seed + ", pages of " + PAGE_SIZE
                + " rows, LoadPages heartbeat timeout " + HEARTBEAT_SECONDS + " s): " + summary(kills, total) + "\n\n"
                + "| # | table | mode | rows | pages | killed after page + ms | pages committed at kill | exit code | "
                + "LoadPages attempts | recovery s |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < kills.size(); i++) {
            Kill k = kills.get(i);
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %d + %d | %d | %d | %d | %.1f |%n", i + 1,
                    k.planned().table(), k.planned().describe(), k.rows(), k.pages(), k.target(), k.delayMillis(),
                    k.committedAtKill(), k.exitCode(), k.attempts(), k.recovery().toMillis() / 1000.0));
        }
        return out.toString();
    }

    private static String summary(List<Kill> kills, Duration total) {
        double[] recovery = kills.stream().mapToDouble(k -> k.recovery().toMillis() / 1000.0).sorted().toArray();
        long midLoad = kills.stream().filter(k -> k.committedAtKill() < k.pages()).count();
        return String.format(Locale.ROOT, "%d kills (%d while pages were still loading), every run succeeded once with "
                        + "exact counts; recovery (kill to run end, new worker JVM included) median %.1f s, max %.1f s; "
                        + "%d worker processes; %d s in all", kills.size(), midLoad, recovery[recovery.length / 2],
                recovery[recovery.length - 1], workersStarted, total.toSeconds());
    }
}
