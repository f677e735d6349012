package io.pulso.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunLedgerPrunerTest {

    private HikariDataSource db;

    @BeforeEach
    void seed() {
        db = TestDatabase.migrated("prune");
        logRow("old-done", "succeeded", "8 months", "7 months");
        logRow("recent-failed", "failed", "2 days", "1 day");
        logRow("stuck", "running", "8 months", null);
        ledger("old-done", 7, "7 months");
        ledger("recent-failed", 2, "1 day");
        ledger("stuck", 3, "8 months");
        ledger("log-row-expired", 2, "9 months"); // its log row went with the log's retention
        keys("old-done", 3);
        keys("recent-failed", 2);
        keys("stuck", 2);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void prunesLedgerRowsOfEndedRunsPastTheRetentionAndKeysOfEndedRunsInSmallBatches() throws SQLException {
        RunLedgerPruner.Pruned pruned = new RunLedgerPruner(db, 6, 2, 1, 100).prune();

        assertThat(pruned.ledgerRows()).isEqualTo(9);
        assertThat(pruned.keyRows()).isEqualTo(5);
        assertThat(pruned.complete()).isTrue();
        assertThat(pruned.batches()).as("5 key batches of 1 + an empty one, 5 ledger batches of 2 (the last one short)")
                .isEqualTo(11);
        assertThat(count("etl_page_ledger", "old-done")).isZero();
        assertThat(count("etl_page_ledger", "log-row-expired")).isZero();
        assertThat(count("etl_page_ledger", "recent-failed")).as("inside the retention").isEqualTo(2);
        assertThat(count("etl_page_ledger", "stuck")).as("a running run keeps its ledger").isEqualTo(3);
        assertThat(count("etl_run_page_keys", "old-done")).isZero();
        assertThat(count("etl_run_page_keys", "recent-failed")).as("an ended run's keys go at once").isZero();
        assertThat(count("etl_run_page_keys", "stuck")).as("a running run keeps its keys").isEqualTo(2);
        assertThat(count("etl_execution_log", "old-done")).as("the log row is the log's business").isEqualTo(1);

        RunLedgerPruner.Pruned again = new RunLedgerPruner(db, 6).prune();
        assertThat(again.ledgerRows() + again.keyRows()).isZero();
        assertThat(again.complete()).isTrue();
    }

    @Test
    void aCallStopsAtItsBatchLimitAndTheNextGoesOn() throws SQLException {
        RunLedgerPruner pruner = new RunLedgerPruner(db, 6, 2, 10, 3);

        RunLedgerPruner.Pruned first = pruner.prune();
        assertThat(first.keyRows()).isEqualTo(5);
        assertThat(first.ledgerRows()).as("two ledger batches of 2 fit after the key batch").isEqualTo(4);
        assertThat(first.complete()).isFalse();

        RunLedgerPruner.Pruned second = pruner.prune();
        assertThat(second.ledgerRows()).isEqualTo(4);
        assertThat(second.complete()).isFalse();
        RunLedgerPruner.Pruned third = pruner.prune();
        assertThat(third.ledgerRows()).isEqualTo(1);
        assertThat(third.complete()).isTrue();
        assertThat(count("etl_page_ledger", "old-done") + count("etl_page_ledger", "log-row-expired")).isZero();
    }

    @Test
    void aLongerRetentionKeepsTheOldLedger() throws SQLException {
        RunLedgerPruner.Pruned pruned = new RunLedgerPruner(db, 12).prune();

        assertThat(pruned.ledgerRows()).isZero();
        assertThat(pruned.keyRows()).isEqualTo(5);
        assertThat(count("etl_page_ledger", "old-done")).isEqualTo(7);
    }

    private void logRow(String runId, String status, String startedAgo, String finishedAgo) {
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "started_at, finished_at) VALUES ('" + runId + "', 'refresh-dashboard_data', 'dashboard_data', 'incremental', "
                + "'api', '" + status + "', now() - interval '" + startedAgo + "', "
                + (finishedAgo == null ? "NULL" : "now() - interval '" + finishedAgo + "'") + ")");
    }

    private void ledger(String runId, int pages, String ago) {
        TestDatabase.execute(db, "INSERT INTO etl_page_ledger (run_id, page_index, rows_in_page, rows_inserted, rows_updated, "
                + "rows_unchanged, rows_duplicate, committed_at) SELECT '" + runId + "', i, 10, 10, 0, 0, 0, now() - interval '"
                + ago + "' FROM generate_series(0, " + (pages - 1) + ") i");
    }

    private void keys(String runId, int pages) {
        TestDatabase.execute(db, "INSERT INTO etl_run_page_keys (run_id, page_index, keys) SELECT '" + runId
                + "', i, ARRAY['k' || i] FROM generate_series(0, " + (pages - 1) + ") i");
    }

    private long count(String table, String runId) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE run_id = '" + runId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
