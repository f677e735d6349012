package io.pulso.worker.alert;

import io.pulso.core.refresh.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code etl_alert_incidents} and {@code etl_alert_deliveries}. Every state change is one conditional statement, so
 * of several processes deciding at once exactly one wins, and only the winner sends.
 */
public final class IncidentRepository {

    /** An incident not closed yet. */
    public record OpenIncident(long id, String table, String kind, String runId, Instant openedAt, Instant lastSentAt,
                               int sends) {
    }

    private static final String HEALTH = "SELECT t.name, r.run_id, r.status, r.mode, r.trigger, r.error_message, r.attempts, "
            + "r.finished_at, w.last_success_at FROM unnest(?::text[]) AS t(name) "
            + "LEFT JOIN etl_watermarks w ON w.table_name = t.name "
            + "LEFT JOIN LATERAL (SELECT l.run_id, l.status, l.mode, l.trigger, l.error_message, l.attempts, l.finished_at "
            + "FROM etl_execution_log l WHERE l.table_name = t.name AND l.status <> 'running' "
            + "ORDER BY l.started_at DESC LIMIT 1) r ON true";

    private final DataSource dataSource;

    public IncidentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Each table's latest finished run and last success, in one query. */
    List<TableHealth> health(List<String> tables) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HEALTH)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            List<TableHealth> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(3);
                    rows.add(new TableHealth(rs.getString(1), rs.getString(2),
                            status == null ? null : RunStatus.fromWireName(status), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), instant(rs, 8), instant(rs, 9)));
                }
            }
            return rows;
        }
    }

    public Map<String, OpenIncident> openByTable() throws SQLException {
        Map<String, OpenIncident> open = new HashMap<>();
        for (OpenIncident incident : open()) {
            open.put(incident.table(), incident);
        }
        return open;
    }

    public List<OpenIncident> open() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, table_name, kind, run_id, opened_at, last_sent_at, sends FROM etl_alert_incidents "
                        + "WHERE closed_at IS NULL ORDER BY opened_at")) {
            List<OpenIncident> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OpenIncident(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs, 5), instant(rs, 6), rs.getInt(7)));
                }
            }
            return rows;
        }
    }

    /** Opens the table's incident unless one is open; the id only for the caller that opened it. */
    Optional<Long> tryOpen(String table, String kind, String runId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO etl_alert_incidents (table_name, kind, run_id, opened_at, last_sent_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (table_name) WHERE closed_at IS NULL DO NOTHING RETURNING id")) {
            ps.setString(1, table);
            ps.setString(2, kind);
            ps.setString(3, runId);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Marks a reminder as sent, if nobody did since {@code lastSentAt} was read. */
    boolean tryRemind(OpenIncident incident, String kind, String runId, Instant now) throws SQLException {
        return update("UPDATE etl_alert_incidents SET last_sent_at = ?, sends = sends + 1, kind = ?, run_id = ? "
                + "WHERE id = ? AND closed_at IS NULL AND last_sent_at = ?", now, kind, runId, incident.id(), incident.lastSentAt());
    }

    /** Closes the incident, if nobody did yet. */
    boolean tryClose(OpenIncident incident, String runId, Instant now) throws SQLException {
        return update("UPDATE etl_alert_incidents SET closed_at = ?, closed_by_run = ? WHERE id = ? AND closed_at IS NULL",
                now, runId, incident.id());
    }

    /** Claims the test requests nobody claimed yet (POST /api/v1/etl/alerts/test); when each was asked for. */
    List<Instant> claimTestRequests(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE etl_alert_test_requests SET claimed_at = ? WHERE claimed_at IS NULL RETURNING requested_at")) {
            ps.setTimestamp(1, Timestamp.from(now));
            List<Instant> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(instant(rs, 1));
                }
            }
            return claimed;
        }
    }

    /** One row per webhook once its delivery of an event ended. */
    public void recordDeliveries(Long incidentId, AlertEvent event, List<DeliveryOutcome> outcomes, List<String> receivers,
                                 Instant finishedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO etl_alert_deliveries (incident_id, event, table_name, run_id, webhook, receiver, delivered, "
                        + "status_code, attempts, error, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DeliveryOutcome outcome : outcomes) {
                if (incidentId == null) {
                    ps.setNull(1, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(1, incidentId);
                }
                ps.setString(2, event.kind().wireName());
                ps.setString(3, event.table());
                ps.setString(4, event.runId());
                ps.setInt(5, outcome.webhook());
                ps.setString(6, outcome.webhook() < receivers.size() ? receivers.get(outcome.webhook()) : "webhook " + (outcome.webhook() + 1));
                ps.setBoolean(7, outcome.delivered());
                ps.setInt(8, outcome.status());
                ps.setInt(9, outcome.attempts());
                ps.setString(10, outcome.error());
                ps.setTimestamp(11, Timestamp.from(finishedAt));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private boolean update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                if (arg instanceof Instant at) {
                    ps.setTimestamp(i + 1, Timestamp.from(at));
                } else {
                    ps.setObject(i + 1, arg);
                }
            }
            return ps.executeUpdate() == 1;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
