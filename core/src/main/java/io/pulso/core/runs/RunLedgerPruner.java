package io.pulso.core.runs;

import io.pulso.core.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes what runs leave behind, which nothing else removes while the execution log keeps its rows for months:
 * the page ledger rows of ended runs once they are older than the log's retention (the ledger explains a log row as
 * long as the row is kept), and the page keys of ended runs at once (they only serve the finish step's deletion of
 * vanished rows, which an ended run will never run). A run the log shows as running keeps both.
 * Deletes in batches, one short transaction each, so a large backlog never holds locks or a snapshot for long, and a
 * call stops after {@code maxBatches} to bound its time; the next call goes on.
 */
public final class RunLedgerPruner {

    private static final Logger log = LoggerFactory.getLogger(RunLedgerPruner.class);

    /** V3's retention of etl_execution_log on TimescaleDB. */
    public static final int DEFAULT_RETENTION_MONTHS = 6;
    public static final int DEFAULT_LEDGER_BATCH = 5_000;
    /** A key row holds one page's keys (up to the page size), so far fewer of them go in one transaction. */
    public static final int DEFAULT_KEY_BATCH = 50;
    public static final int DEFAULT_MAX_BATCHES = 200;

    private static final String LEDGER = """
            DELETE FROM etl_page_ledger p USING (
                SELECT o.run_id, o.page_index FROM etl_page_ledger o
                WHERE o.committed_at < now() - make_interval(months => ?)
                  AND NOT EXISTS (SELECT 1 FROM etl_execution_log l WHERE l.run_id = o.run_id AND l.status = 'running')
                LIMIT ?) old
            WHERE p.run_id = old.run_id AND p.page_index = old.page_index""";
    private static final String KEYS = """
            DELETE FROM etl_run_page_keys k USING (
                SELECT o.run_id, o.page_index FROM etl_run_page_keys o
                JOIN etl_execution_log l ON l.run_id = o.run_id AND l.status <> 'running' AND l.finished_at IS NOT NULL
                LIMIT ?) ended
            WHERE k.run_id = ended.run_id AND k.page_index = ended.page_index""";

    /** What one call removed. {@code complete} is false when it stopped at its batch limit with rows left. */
    public record Pruned(long ledgerRows, long keyRows, int batches, boolean complete) {
    }

    private final DataSource dataSource;
    private final int retentionMonths;
    private final int ledgerBatch;
    private final int keyBatch;
    private final int maxBatches;

    public RunLedgerPruner(DataSource dataSource, int retentionMonths) {
        this(dataSource, retentionMonths, DEFAULT_LEDGER_BATCH, DEFAULT_KEY_BATCH, DEFAULT_MAX_BATCHES);
    }

    public RunLedgerPruner(DataSource dataSource, int retentionMonths, int ledgerBatch, int keyBatch, int maxBatches) {
        if (retentionMonths < 1 || ledgerBatch < 1 || keyBatch < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("retention months, batch sizes and batch limit must be positive");
        }
        this.dataSource = dataSource;
        this.retentionMonths = retentionMonths;
        this.ledgerBatch = ledgerBatch;
        this.keyBatch = keyBatch;
        this.maxBatches = maxBatches;
    }

    public Pruned prune() {
        int batches = 0;
        long keys = 0;
        long ledger = 0;
        boolean keysLeft = true;
        boolean ledgerLeft = true;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // each DELETE is its own transaction
            while (keysLeft && batches < maxBatches) {
                int deleted = batch(c, KEYS, keyBatch, false);
                keys += deleted;
                batches++;
                keysLeft = deleted == keyBatch;
            }
            while (ledgerLeft && batches < maxBatches) {
                int deleted = batch(c, LEDGER, ledgerBatch, true);
                ledger += deleted;
                batches++;
                ledgerLeft = deleted == ledgerBatch;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot prune etl_page_ledger / etl_run_page_keys after " + batches
                    + " batch(es): " + e.getMessage(), e);
        }
        Pruned pruned = new Pruned(ledger, keys, batches, !keysLeft && !ledgerLeft);
        if (ledger > 0 || keys > 0) {
            log.info("pruned {} ledger row(s) of ended runs older than {} month(s) and {} key row(s) of ended runs in {} batch(es){}",
                    ledger, retentionMonths, keys, batches, pruned.complete() ? "" : "; more left for the next round");
        }
        return pruned;
    }

    private int batch(Connection c, String sql, int limit, boolean withRetention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (withRetention) {
                ps.setInt(i++, retentionMonths);
            }
            ps.setInt(i, limit);
            return ps.executeUpdate();
        }
    }
}
