package io.pulso.core.runlog;

import static io.pulso.core.runlog.ExecutionLogRepository.date;
import static io.pulso.core.runlog.ExecutionLogRepository.instant;
import static io.pulso.core.runlog.ExecutionLogRepository.setDate;
import static io.pulso.core.runlog.ExecutionLogRepository.unavailable;

import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads and writes {@code etl_watermarks}, one row per table. */
public final class WatermarkRepository {

    private static final String COLUMNS = "table_name, watermark, last_run_id, last_status, last_started_at, last_finished_at, "
            + "last_success_at, rows_extracted, rows_inserted, rows_updated, rows_unchanged, rows_deleted, last_error";

    private final DataSource dataSource;

    public WatermarkRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<WatermarkRecord> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM etl_watermarks ORDER BY table_name");
                ResultSet rs = ps.executeQuery()) {
            List<WatermarkRecord> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public Optional<WatermarkRecord> find(String table) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, table, false);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Reads a table's row; with {@code lock}, holds it until the transaction ends. */
    public Optional<WatermarkRecord> find(Connection c, String table, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM etl_watermarks WHERE table_name = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Marks a run as started for its table (the watermark itself does not move). */
    public void markRunning(Connection c, String table, String runId, Instant startedAt) throws SQLException {
        String sql = "INSERT INTO etl_watermarks (table_name, last_run_id, last_status, last_started_at, updated_at) "
                + "VALUES (?, ?, 'running', ?, now()) ON CONFLICT (table_name) DO UPDATE SET last_run_id = EXCLUDED.last_run_id, "
                + "last_status = 'running', last_started_at = EXCLUDED.last_started_at, last_error = NULL, updated_at = now()";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, runId);
            ps.setTimestamp(3, Timestamp.from(startedAt));
            ps.executeUpdate();
        }
    }

    /**
     * Records how a run ended. The watermark moves only when {@code newWatermark} is given (a successful run of a
     * mode that moves it); a failed run leaves it where it was.
     */
    public void recordFinish(Connection c, String table, String runId, RunStatus status, LocalDate newWatermark,
                             RowCounts counts, Instant finishedAt, String error) throws SQLException {
        String sql = "UPDATE etl_watermarks SET watermark = COALESCE(?, watermark), last_status = ?, last_finished_at = ?, "
                + "last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END, rows_extracted = ?, rows_inserted = ?, "
                + "rows_updated = ?, rows_unchanged = ?, rows_deleted = ?, last_error = ?, updated_at = now() "
                + "WHERE table_name = ? AND last_run_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Timestamp finished = Timestamp.from(finishedAt);
            setDate(ps, 1, newWatermark);
            ps.setString(2, status.wireName());
            ps.setTimestamp(3, finished);
            ps.setBoolean(4, status == RunStatus.SUCCEEDED);
            ps.setTimestamp(5, finished);
            ps.setLong(6, counts.extracted());
            ps.setLong(7, counts.inserted());
            ps.setLong(8, counts.updated());
            ps.setLong(9, counts.unchanged());
            ps.setLong(10, counts.deleted());
            ps.setString(11, error);
            ps.setString(12, table);
            ps.setString(13, runId);
            ps.executeUpdate();
        }
    }

    private static WatermarkRecord map(ResultSet rs) throws SQLException {
        String status = rs.getString("last_status");
        return new WatermarkRecord(rs.getString("table_name"), date(rs, "watermark"), rs.getString("last_run_id"),
                status == null ? null : RunStatus.fromWireName(status),
                instant(rs, "last_started_at"), instant(rs, "last_finished_at"), instant(rs, "last_success_at"),
                new RowCounts(rs.getLong("rows_extracted"), rs.getLong("rows_inserted"), rs.getLong("rows_updated"),
                        rs.getLong("rows_unchanged"), rs.getLong("rows_deleted"), 0),
                rs.getString("last_error"));
    }
}
