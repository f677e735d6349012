package io.pulso.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.app.embedded.EmbeddedPostgresServer;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability suite, slow part: PostgreSQL (destination and demo warehouse) stops while a refresh is loading its
 * first page and starts again on the same data directory and port after a seeded 5–30 s. The run must finish by
 * itself through activity retries, the API must answer 503 with a JSON body meanwhile, and recover.
 */
@Tag("reliability-slow")
class DatabaseOutageTest {

    private static final String TABLE = "dashboard_data";

    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static EmbeddedPostgresServer restarted;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 13, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, false));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void aRefreshSurvivesADatabaseOutageAndTheApiAnswers503MeanwhileThenRecovers() throws Exception {
        ApiRuns api = new ApiRuns(stack.apiUrl());
        int port = stack.postgres().port();
        Duration outage = Duration.ofSeconds(5 + new Random(Long.getLong("reliability.seed", 7L)).nextInt(26));
        String runId;
        // Holding a lock on the destination table parks the run inside its first page load, so the outage hits
        // mid-refresh for certain; stopping PostgreSQL ends this connection and with it the lock.
        Connection lock = stack.destination().dataSource().getConnection();
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE " + TABLE + " IN EXCLUSIVE MODE");
        }
        ApiRuns.Answer started = api.refresh(TABLE, "{}");
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        runId = started.body().path("runId").asText();
        awaitPageLoadBlocked(Duration.ofSeconds(60));

        stack.postgres().close();
        closeQuietly(lock);
        Instant down = Instant.now();
        ApiRuns.Answer during = api.get("/status");
        assertThat(during.status()).as(during.body().toString()).isEqualTo(503);
        assertThat(during.body().path("error").asText()).isEqualTo("database_unavailable");
        assertThat(during.body().path("message").asText()).isEqualTo("The database is unavailable; try again later.");
        Duration left = outage.minus(Duration.between(down, Instant.now()));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis()); // the outage itself, not a synchronisation
        }
        restarted = EmbeddedPostgresServer.start(folder.resolve("pg"), port);
        Duration measuredOutage = Duration.between(down, Instant.now());

        Instant back = Instant.now();
        String status = api.awaitEnd(runId, Duration.ofMinutes(4)).path("status").asText();
        Duration recovery = Duration.between(back, Instant.now());
        assertThat(status).isEqualTo("succeeded");
        assertThat(api.get("/status").status()).isEqualTo(200);

        var destination = stack.destination().dataSource();
        List<Invariants.LogRow> log = Invariants.logRows(destination, TABLE);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).status()).isEqualTo("succeeded");
        assertThat(log.get(0).inserted()).isEqualTo(log.get(0).extracted());
        Invariants.assertCountsAndLedgerAgree(destination, log.get(0));
        try (HikariDataSource warehouse = TestDatabase.pool(new DatabaseConfig(restarted.jdbcUrl(EmbeddedStack.WAREHOUSE_DB),
                "postgres", null))) {
            Invariants.assertDestinationMatchesSource(warehouse, destination, List.of(TABLE));
            Invariants.assertWatermarkIsSourceMaximum(warehouse, destination, TABLE);
        }
        SuiteReport.record("database outage", "passed", "outage " + measuredOutage.toSeconds() + " s; run "
                + "completed " + recovery.toSeconds() + " s after restart; " + log.get(0).extracted() + " rows, "
                + log.get(0).pages() + " pages; API 503 database_unavailable during, 200 after");
    }

    private static void awaitPageLoadBlocked(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String blocked = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%"
                + TABLE + "%'";
        while (Invariants.count(stack.destination().dataSource(), blocked) == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the run's page load did not reach the locked table within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            // The server is gone; the connection is already dead.
        }
    }
}
