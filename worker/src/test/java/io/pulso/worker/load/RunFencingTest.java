package io.pulso.worker.load;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Page writes are fenced to the run that owns the table: a stale attempt of a closed run commits nothing, even when
 * it races the close and the next run's begin on real PostgreSQL.
 */
class RunFencingTest {

    private static final String TABLE = "evolution_data";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static HikariDataSource db;
    private static TableSchema evolution;
    private PageLoader loader;
    private WatermarkRepository watermarks;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("fencing");
        evolution = new CatalogSchemaVerifier(db).verify(TableCatalog.pulso()).get(TABLE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        TestDatabase.execute(db, "TRUNCATE evolution_data, etl_page_ledger, etl_run_page_keys, etl_watermarks");
        loader = new PageLoader(db);
        watermarks = new WatermarkRepository(db);
    }

    private static Page page(Object[]... rows) {
        return new Page(EvolutionRows.COLUMNS, List.of(rows), null);
    }

    /** Closes {@code runId} (as FailRun, CancelRun or the stale sweep do) inside {@code c}. */
    private void closeRun(Connection c, String runId, RunStatus status) throws SQLException {
        watermarks.find(c, TABLE, true);
        watermarks.recordFinish(c, TABLE, runId, status, null, RowCounts.ZERO, Instant.now(), "closed by the test");
    }

    @Test
    void aClosedRunsStaleAttemptCommitsNothingAndSaysWhy() throws SQLException {
        RunOwnership.claim(db, TABLE, "run-old");
        loader.load("run-old", 0, evolution, page(row(DAY, "A", 1, 1)), true);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            closeRun(c, "run-old", RunStatus.FAILED);
            c.commit();
        }
        RunOwnership.claim(db, TABLE, "run-new");
        loader.load("run-new", 0, evolution, page(row(DAY, "A", 2, 1)), true);

        assertThatThrownBy(() -> loader.load("run-old", 1, evolution, page(row(DAY, "A", 1, 1), row(DAY, "B", 1, 1)), true))
                .isInstanceOf(RunFencedException.class)
                .hasMessageContaining("evolution_data: run run-old no longer owns the table")
                .hasMessageContaining("its current run is run-new, running").hasMessageContaining("committed nothing");

        assertThat(count("SELECT recupero FROM evolution_data WHERE archivo = 'A'")).as("newer value kept").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM evolution_data WHERE archivo = 'B'")).isZero();
        assertThat(count("SELECT count(*) FROM etl_page_ledger WHERE run_id = 'run-old' AND page_index = 1")).isZero();
        assertThat(count("SELECT count(*) FROM etl_run_page_keys WHERE run_id = 'run-old' AND page_index = 1")).isZero();
    }

    @Test
    void aStaleAttemptRacingTheCloseAndTheNextBeginWaitsForThemAndThenCommitsNothing() throws Exception {
        RunOwnership.claim(db, TABLE, "run-old");
        try (Connection closer = db.getConnection()) {
            closer.setAutoCommit(false);
            // The close (and the next run's begin) hold the table's row: the stale page must wait for them, not slip in.
            closeRun(closer, "run-old", RunStatus.ABANDONED);
            CompletableFuture<PageOutcome> stale = CompletableFuture.supplyAsync(() -> {
                try {
                    return loader.load("run-old", 0, evolution, page(row(DAY, "A", 1, 1)), true);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitABackendWaitingOnALock();
            assertThat(stale).isNotDone();
            new WatermarkRepository(db).markRunning(closer, TABLE, "run-new", Instant.now());
            closer.commit();

            assertThatThrownBy(() -> stale.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RunFencedException.class).hasMessageContaining("run-new, running");
        }
        assertThat(count("SELECT count(*) FROM evolution_data")).isZero();
        assertThat(count("SELECT count(*) FROM etl_page_ledger")).isZero();
    }

    @Test
    void aPageInFlightHoldsOffTheCloseUntilItCommitsSoTheCloseSeesIt() throws Exception {
        RunOwnership.claim(db, TABLE, "run-1");
        try (Connection page = db.getConnection()) {
            page.setAutoCommit(false);
            PageLoader.requireOwnership(page, TABLE, "run-1"); // a page transaction past its fence
            CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
                try (Connection c = db.getConnection()) {
                    c.setAutoCommit(false);
                    closeRun(c, "run-1", RunStatus.CANCELLED);
                    c.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitABackendWaitingOnALock();
            assertThat(close).as("the close waits for the page").isNotDone();
            page.commit();
            close.get(10, TimeUnit.SECONDS);
        }
        assertThat(watermarks.find(TABLE).orElseThrow().lastStatus()).isEqualTo(RunStatus.CANCELLED);
    }

    private static void awaitABackendWaitingOnALock() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waitingOnALock() < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no backend waited on a lock within 10 s");
            }
            Thread.sleep(20);
        }
    }

    private static long waitingOnALock() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
    }

    private static long count(String sql) {
        return TestDatabase.count(db, sql);
    }
}
