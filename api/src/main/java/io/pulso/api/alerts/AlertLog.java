package io.pulso.api.alerts;

import io.pulso.core.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the notification tables the workers write ({@code etl_alert_incidents}, {@code etl_alert_deliveries}) and
 * queues test requests ({@code etl_alert_test_requests}). The api holds no webhook URL or secret.
 */
public final class AlertLog {

    /** An incident not closed yet. */
    public record Incident(String table, String kind, String runId, Instant openedAt, Instant lastSentAt, int sends) {
    }

    /** One event's delivery to one webhook; the receiver is scheme, host and port only. */
    public record Delivery(String event, String table, String runId, int webhook, String receiver, boolean delivered,
                           int statusCode, int attempts, String error, Instant finishedAt) {
    }

    private final DataSource dataSource;

    public AlertLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Incident> openIncidents() {
        String sql = "SELECT table_name, kind, run_id, opened_at, last_sent_at, sends FROM etl_alert_incidents "
                + "WHERE closed_at IS NULL ORDER BY opened_at";
        return query(sql, 0, rs -> new Incident(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                instant(rs, 5), rs.getInt(6)));
    }

    public List<Delivery> recentDeliveries(int limit) {
        String sql = "SELECT event, table_name, run_id, webhook, receiver, delivered, status_code, attempts, error, finished_at "
                + "FROM etl_alert_deliveries ORDER BY finished_at DESC, id DESC LIMIT ?";
        return query(sql, limit, rs -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                rs.getString(5), rs.getBoolean(6), rs.getInt(7), rs.getInt(8), rs.getString(9), instant(rs, 10)));
    }

    public long pendingTests() {
        return query("SELECT count(*) FROM etl_alert_test_requests WHERE claimed_at IS NULL", 0, rs -> rs.getLong(1)).get(0);
    }

    /** Queues a test event; the id of the request. */
    public long requestTest(Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO etl_alert_test_requests (requested_at) VALUES (?) RETURNING id")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot queue the test notification in etl_alert_test_requests", e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, int limit, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (limit > 0) {
                ps.setInt(1, limit);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the notification tables (etl_alert_incidents, "
                    + "etl_alert_deliveries)", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
