package io.pulso.worker.load;

import io.pulso.core.catalog.TableSchema;
import io.pulso.core.db.Database;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.runlog.PageLedger;
import io.pulso.worker.warehouse.Page;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one page into its destination table in one transaction: COPY into a staging table, drop duplicate keys,
 * upsert only what changed, remember the page's keys (for vanished-row deletion) and record the page in the ledger. A page
 * the ledger already holds is not loaded again: its recorded outcome is returned, so counts stay exact when a
 * worker dies between COMMIT and reporting.
 *
 * <p>The page's COMMIT stays synchronous (no {@code SET LOCAL synchronous_commit = off}): once it returns, the
 * activity heartbeats a cursor past the page, so a commit lost in a server crash would leave a page that is neither
 * in the table nor in the ledger while the run has moved on. It costs one WAL flush per page (100 per million rows
 * at 10,000 rows a page), a small share of the page's work. The staging step needs no relaxing: a temporary table is
 * never WAL-logged. Pages travel in binary COPY form (see {@link CopyRowEncoder}).
 */
public final class PageLoader {

    /** Memory for the finish step's anti-join, for its transaction only. */
    static final String VANISHED_CHECK_WORK_MEM = "64MB";

    private final DataSource dataSource;
    private final Map<String, UpsertStatements> statements = new ConcurrentHashMap<>();

    public PageLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The recorded outcome of a page already committed for this run, if any. */
    public Optional<PageOutcome> committed(String runId, int pageIndex) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ledger(c, runId, pageIndex);
        }
    }

    public PageOutcome load(String runId, int pageIndex, TableSchema schema, Page page, boolean trackKeys) throws SQLException {
        return load(runId, pageIndex, encode(schema, page), trackKeys);
    }

    /** Checks and encodes a page for {@link #load(String, int, EncodedPage, boolean)}; needs no database. */
    public EncodedPage encode(TableSchema schema, Page page) {
        CopyRowEncoder encoder = new CopyRowEncoder(schema, page.columns());
        ByteSink copyData = new ByteSink(page.rows().size() * 200 + 64);
        CopyRowEncoder.appendHeader(copyData);
        // Duplicate keys are rare (an extraction groups by its key); telling here that there are none spares the
        // server a sort of the page. Where Java cannot compare keys as PostgreSQL does, the server de-duplicates.
        // The set is dropped (null: unknown) at the first duplicate.
        Set<List<Object>> keys = encoder.keysComparable() ? new HashSet<>(page.rows().size() * 2) : null;
        int ordinal = 0;
        for (Object[] row : page.rows()) {
            List<Object> key = encoder.appendTuple(copyData, ordinal++, row);
            if (keys != null && !keys.add(key)) {
                if (schema.definition().uniqueKeys()) {
                    throw new PageDataException(schema.name() + ": the extraction result has the key " + encoder.keyOf(row)
                            + " more than once, though its SQL promises one row per key; fix the SQL (group by the key) "
                            + "rather than let the last row read of an unordered result win");
                }
                keys = null;
            }
        }
        CopyRowEncoder.appendTrailer(copyData);
        return new EncodedPage(schema, copyData.toByteArray(), ordinal, keys, page.nextPageToken());
    }

    public PageOutcome load(String runId, int pageIndex, EncodedPage page, boolean trackKeys) throws SQLException {
        TableSchema schema = page.schema();
        UpsertStatements sql = statements.computeIfAbsent(schema.name(), name -> new UpsertStatements(schema));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                PageOutcome outcome = loadInTransaction(c, sql, runId, pageIndex, page, trackKeys);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            } finally {
                // A connection the driver closed (socket timeout, server gone) would throw here and hide the failure.
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private PageOutcome loadInTransaction(Connection c, UpsertStatements sql, String runId, int pageIndex, EncodedPage page,
                                          boolean trackKeys) throws SQLException {
        // Two attempts of the same page (a timed-out activity still running beside its retry) serialise here.
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?), ?)")) {
            lock.setString(1, runId);
            lock.setInt(2, pageIndex);
            lock.execute();
        }
        requireOwnership(c, page.schema().name(), runId);
        Optional<PageOutcome> already = ledger(c, runId, pageIndex);
        if (already.isPresent()) {
            return already.get();
        }
        boolean skipUnchanged = mostlyUnchanged(c, runId, pageIndex);
        try (var s = c.createStatement()) {
            s.execute(sql.createStage);
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long staged;
        try {
            staged = copy.copyIn(sql.copyIntoStage, new ByteArrayInputStream(page.copyData()));
        } catch (IOException e) {
            throw new SQLException("COPY into staging failed: " + e.getMessage(), "08000", e);
        }
        if (staged != page.rows()) {
            throw new SQLException("COPY into staging took " + staged + " rows of a page of " + page.rows(), "XX000");
        }
        long distinct;
        long inserted;
        long updated;
        try (PreparedStatement ps = c.prepareStatement(sql.upsert(!page.keysDistinct(), skipUnchanged));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            distinct = rs.getLong(1);
            inserted = rs.getLong(2);
            updated = rs.getLong(3);
        }
        if (trackKeys) {
            try (PreparedStatement ps = c.prepareStatement(sql.recordKeys)) {
                ps.setString(1, runId);
                ps.setInt(2, pageIndex);
                ps.executeUpdate();
            }
        }
        RowCounts counts = new RowCounts(staged, inserted, updated, distinct - inserted - updated, 0, staged - distinct);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_page_ledger (run_id, page_index, next_page_token, "
                + "rows_in_page, rows_inserted, rows_updated, rows_unchanged, rows_duplicate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, runId);
            ps.setInt(2, pageIndex);
            ps.setString(3, page.nextPageToken());
            ps.setLong(4, counts.extracted());
            ps.setLong(5, counts.inserted());
            ps.setLong(6, counts.updated());
            ps.setLong(7, counts.unchanged());
            ps.setLong(8, counts.duplicates());
            ps.executeUpdate();
        }
        return new PageOutcome(pageIndex, page.nextPageToken(), counts, false);
    }

    /**
     * The fence of a run's writes: proves, inside the caller's transaction, that the run still owns the table (the
     * watermark row names it as its running run), and keeps it so until the transaction ends: the share lock makes a
     * closing or beginning run (which lock the row for update) wait for this transaction, and this one wait for them.
     * Throws {@link RunFencedException} otherwise, so a stale attempt of a closed run commits nothing.
     */
    public static void requireOwnership(Connection c, String table, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_run_id, last_status FROM etl_watermarks WHERE table_name = ? FOR SHARE")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                String owner = rs.next() ? rs.getString(1) : null;
                String status = owner == null ? null : rs.getString(2);
                if (!runId.equals(owner) || !"running".equals(status)) {
                    throw new RunFencedException(table, runId, owner, status);
                }
            }
        }
    }

    /** The destination's rows inside the window, in the caller's transaction (before anything is deleted). */
    public long countWindow(Connection c, TableSchema schema, LocalDate from, LocalDate to) throws SQLException {
        UpsertStatements sql = statements.computeIfAbsent(schema.name(), name -> new UpsertStatements(schema));
        if (sql.countWindow == null) {
            throw new IllegalStateException(schema.name() + " has no window column to count rows by");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.countWindow)) {
            setWindow(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void setWindow(PreparedStatement ps, LocalDate from, LocalDate to) throws SQLException {
        Date f = from == null ? null : Date.valueOf(from);
        Date t = to == null ? null : Date.valueOf(to);
        ps.setDate(1, f);
        ps.setDate(2, f);
        ps.setDate(3, t);
        ps.setDate(4, t);
    }

    /**
     * Deletes the rows of the window that no page of this run contained (they vanished at the source), inside the
     * caller's transaction. Returns how many.
     */
    public long deleteVanished(Connection c, TableSchema schema, String runId, LocalDate from, LocalDate to)
            throws SQLException {
        UpsertStatements sql = statements.computeIfAbsent(schema.name(), name -> new UpsertStatements(schema));
        if (sql.deleteVanished == null) {
            throw new IllegalStateException(schema.name() + " has no window column to delete vanished rows by");
        }
        // The anti-join hashes every key of the run (tens of MB for a million): in memory, not in batches on disk.
        try (var s = c.createStatement()) {
            s.execute("SET LOCAL work_mem = '" + VANISHED_CHECK_WORK_MEM + "'");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.deleteVanished)) {
            setWindow(ps, from, to);
            ps.setString(5, runId);
            return ps.executeUpdate();
        }
    }

    /** What the ledger holds for a run: its committed pages and their counts summed. */
    public record CommittedPages(int pages, RowCounts counts) {
    }

    /**
     * The run's committed pages, read inside the caller's transaction. The ledger is the record: a batch of pages that
     * ends by a cancel or a failure has committed pages its workflow never heard of.
     */
    public static CommittedPages committedPages(Connection c, String runId) throws SQLException {
        PageLedger.Totals totals = PageLedger.committed(c, runId);
        return new CommittedPages(totals.pages(), totals.counts());
    }

    /**
     * A key that two pages of the run both held, if any (the server's text of it), read inside the caller's
     * transaction: within a page the encoder finds repeats, across pages only the run's recorded keys can.
     */
    public static Optional<String> repeatedKey(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT k.key_text FROM etl_run_page_keys p "
                + "CROSS JOIN LATERAL unnest(p.keys) AS k(key_text) WHERE p.run_id = ? GROUP BY k.key_text "
                + "HAVING count(*) > 1 LIMIT 1")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Forgets a finished run's keys, inside the caller's transaction. */
    public static void forgetKeys(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM etl_run_page_keys WHERE run_id = ?")) {
            ps.setString(1, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Whether the run's latest committed page before this one found at least half its rows unchanged, so this one (the
     * same stretch of the source, most likely) is worth checking row by row before the upsert. The first is checked.
     */
    private static boolean mostlyUnchanged(Connection c, String runId, int pageIndex) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rows_unchanged * 2 >= rows_in_page - rows_duplicate "
                + "FROM etl_page_ledger WHERE run_id = ? AND page_index < ? ORDER BY page_index DESC LIMIT 1")) {
            ps.setString(1, runId);
            ps.setInt(2, pageIndex);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    private static Optional<PageOutcome> ledger(Connection c, String runId, int pageIndex) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_page_token, rows_in_page, rows_inserted, rows_updated, "
                + "rows_unchanged, rows_duplicate FROM etl_page_ledger WHERE run_id = ? AND page_index = ?")) {
            ps.setString(1, runId);
            ps.setInt(2, pageIndex);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                RowCounts counts = new RowCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), 0, rs.getLong(6));
                return Optional.of(new PageOutcome(pageIndex, rs.getString(1), counts, true));
            }
        }
    }
}
