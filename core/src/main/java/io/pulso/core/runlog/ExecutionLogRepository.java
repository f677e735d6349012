package io.pulso.core.runlog;

import io.pulso.core.db.DatabaseUnavailableException;
import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Reads and writes {@code etl_execution_log}, one row per run. */
public final class ExecutionLogRepository {

    private static final String COLUMNS = "run_id, workflow_id, table_name, mode, trigger, status, window_from, window_to, "
            + "watermark_before, watermark_after, rows_extracted, rows_inserted, rows_updated, rows_unchanged, rows_deleted, "
            + "pages, attempts, started_at, finished_at, duration_ms, error_message, notes, retry_of, rows_duplicate, rows_kept, "
            + "guard_overrides";

    private final DataSource dataSource;

    public ExecutionLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<RunRecord> find(String runId) {
        List<RunRecord> rows = query("SELECT " + COLUMNS + " FROM etl_execution_log WHERE run_id = ?", runId);
        return rows.stream().findFirst();
    }

    /** Runs newest first, optionally filtered by table and status. */
    public List<RunRecord> list(String table, RunStatus status, int limit, int offset) {
        return list(RunFilter.of(table, status), limit, offset);
    }

    /** Runs newest first, matching every condition the filter sets. */
    public List<RunRecord> list(RunFilter filter, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM etl_execution_log WHERE true" + conditions(filter, args)
                + " ORDER BY started_at DESC, run_id LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        return query(sql, args.toArray());
    }

    public long count(String table, RunStatus status) {
        return count(RunFilter.of(table, status));
    }

    public long count(RunFilter filter) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM etl_execution_log WHERE true" + conditions(filter, args);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static String conditions(RunFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (filter.table() != null) {
            sql.append(" AND table_name = ?");
            args.add(filter.table());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().wireName());
        }
        if (filter.trigger() != null) {
            sql.append(" AND trigger = ?");
            args.add(filter.trigger().wireName());
        }
        if (filter.startedFrom() != null) {
            sql.append(" AND started_at >= ?");
            args.add(Timestamp.from(filter.startedFrom()));
        }
        if (filter.startedBefore() != null) {
            sql.append(" AND started_at < ?");
            args.add(Timestamp.from(filter.startedBefore()));
        }
        return sql.toString();
    }

    /** Writes the row of a run that starts; does nothing if the run already has its row (a retried activity). */
    public boolean insertRunning(Connection c, RunRecord run) throws SQLException {
        String sql = "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, window_from, "
                + "window_to, watermark_before, started_at, retry_of, attempts, guard_overrides) "
                + "SELECT ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM etl_execution_log WHERE run_id = ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, run.runId());
            ps.setString(2, run.workflowId());
            ps.setString(3, run.table());
            ps.setString(4, run.mode().wireName());
            ps.setString(5, run.trigger().wireName());
            setDate(ps, 6, run.windowFrom());
            setDate(ps, 7, run.windowTo());
            setDate(ps, 8, run.watermarkBefore());
            ps.setTimestamp(9, Timestamp.from(run.startedAt()));
            ps.setString(10, run.retryOf());
            ps.setInt(11, run.attempts());
            ps.setString(12, run.overrides().logText());
            ps.setString(13, run.runId());
            return ps.executeUpdate() == 1;
        }
    }

    /** Records when a cancel of the (running) run was first requested; later requests keep the first time. */
    public void recordCancelRequested(String runId, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE etl_execution_log "
                + "SET cancel_requested_at = ? WHERE run_id = ? AND status = 'running' AND cancel_requested_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Running runs whose cancel was requested before {@code before}: they should have stopped by now. */
    public Set<String> cancelRequestedBefore(Instant before) {
        Set<String> runIds = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT run_id FROM "
                + "etl_execution_log WHERE status = 'running' AND cancel_requested_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runIds.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return runIds;
    }

    /** Records that an activity of the run is on its {@code attempt}-th try (kept as the maximum seen). */
    public void recordAttempt(String runId, int attempt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE etl_execution_log SET attempts = GREATEST(attempts, ?) WHERE run_id = ? AND status = 'running'")) {
            ps.setInt(1, attempt);
            ps.setString(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Closes a running run. Returns false when the run was not running any more (already closed by an earlier
     * attempt of the same activity), so closing twice changes nothing.
     */
    public boolean close(Connection c, String runId, RunStatus status, LocalDate watermarkAfter, RowCounts counts, int pages,
                         Instant finishedAt, String error, String notes) throws SQLException {
        String sql = "UPDATE etl_execution_log SET status = ?, watermark_after = ?, rows_extracted = ?, rows_inserted = ?, "
                + "rows_updated = ?, rows_unchanged = ?, rows_deleted = ?, rows_duplicate = ?, rows_kept = ?, pages = ?, "
                + "finished_at = ?, "
                + "duration_ms = GREATEST(0, (EXTRACT(EPOCH FROM (CAST(? AS timestamptz) - started_at)) * 1000)::bigint), "
                + "error_message = ?, notes = ? WHERE run_id = ? AND status = 'running'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Timestamp finished = Timestamp.from(finishedAt);
            ps.setString(1, status.wireName());
            setDate(ps, 2, watermarkAfter);
            ps.setLong(3, counts.extracted());
            ps.setLong(4, counts.inserted());
            ps.setLong(5, counts.updated());
            ps.setLong(6, counts.unchanged());
            ps.setLong(7, counts.deleted());
            ps.setLong(8, counts.duplicates());
            ps.setLong(9, counts.kept());
            ps.setInt(10, pages);
            ps.setTimestamp(11, finished);
            ps.setTimestamp(12, finished);
            ps.setString(13, error);
            ps.setString(14, notes);
            ps.setString(15, runId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<RunRecord> find(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM etl_execution_log WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private List<RunRecord> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<RunRecord> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static RunRecord map(ResultSet rs) throws SQLException {
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        return new RunRecord(rs.getString("run_id"), rs.getString("workflow_id"), rs.getString("table_name"),
                RefreshMode.fromWireName(rs.getString("mode")), Trigger.valueOf(rs.getString("trigger").toUpperCase()),
                RunStatus.fromWireName(rs.getString("status")),
                date(rs, "window_from"), date(rs, "window_to"), date(rs, "watermark_before"), date(rs, "watermark_after"),
                new RowCounts(rs.getLong("rows_extracted"), rs.getLong("rows_inserted"), rs.getLong("rows_updated"),
                        rs.getLong("rows_unchanged"), rs.getLong("rows_deleted"), rs.getLong("rows_duplicate"),
                        rs.getLong("rows_kept")),
                rs.getInt("pages"), rs.getInt("attempts"), instant(rs, "started_at"), instant(rs, "finished_at"),
                durationMs, rs.getString("error_message"), rs.getString("notes"), rs.getString("retry_of"),
                GuardOverrides.fromLogText(rs.getString("guard_overrides")));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(date));
        }
    }

    static DatabaseUnavailableException unavailable(SQLException e) {
        return new DatabaseUnavailableException("execution log not readable: " + e.getMessage(), e);
    }
}
