package io.pulso.worker.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulso.core.json.Json;
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
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@code etl_alert_incidents}, {@code etl_alert_outbox} and {@code etl_alert_deliveries}. Every state change is one
 * conditional statement that also queues the event it makes due in the outbox, so of several processes deciding at
 * once exactly one wins, and no decided event is lost if the winner dies before sending.
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

    /** Appended to a CTE {@code changed(id, sequence)}: queues the event of each changed incident. */
    private static final String OUTBOX_INSERT = "INSERT INTO etl_alert_outbox (incident_id, sequence, event, created_at) "
            + "SELECT id, sequence, ?::jsonb, ? FROM changed RETURNING id, incident_id, sequence";
    static final int PENDING_LIMIT = 100;
    private static final ObjectMapper JSON = Json.mapper();

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

    /**
     * Opens the table's incident unless one is open, and in the same statement queues its "opened" event in the
     * outbox; the queued alert only for the caller that opened it.
     */
    Optional<PendingAlert> tryOpen(String table, String kind, String runId, Instant now, AlertEvent event) throws SQLException {
        return queued("WITH changed AS (INSERT INTO etl_alert_incidents (table_name, kind, run_id, opened_at, last_sent_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name) WHERE closed_at IS NULL DO NOTHING RETURNING id, 1 AS sequence) "
                + OUTBOX_INSERT, event, now, table, kind, runId, now, now);
    }

    /** Marks a reminder as sent, if nobody did since {@code lastSentAt} was read, and queues it (one statement). */
    Optional<PendingAlert> tryRemind(OpenIncident incident, String kind, String runId, Instant now, AlertEvent event)
            throws SQLException {
        return queued("WITH changed AS (UPDATE etl_alert_incidents SET last_sent_at = ?, sends = sends + 1, kind = ?, run_id = ? "
                + "WHERE id = ? AND closed_at IS NULL AND last_sent_at = ? RETURNING id, sends AS sequence) " + OUTBOX_INSERT,
                event, now, now, kind, runId, incident.id(), incident.lastSentAt());
    }

    /** Closes the incident, if nobody did yet, and queues its "recovered" event (one statement). */
    Optional<PendingAlert> tryClose(OpenIncident incident, String runId, Instant now, AlertEvent event) throws SQLException {
        return queued("WITH changed AS (UPDATE etl_alert_incidents SET closed_at = ?, closed_by_run = ? "
                + "WHERE id = ? AND closed_at IS NULL RETURNING id, sends + 1 AS sequence) " + OUTBOX_INSERT,
                event, now, now, runId, incident.id());
    }

    /**
     * Claims the test requests nobody claimed yet (POST /api/v1/etl/alerts/test) and queues one test event per
     * request, in one transaction.
     */
    List<PendingAlert> claimTestRequests(Instant now, Function<Instant, AlertEvent> eventFor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Instant> claimed = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE etl_alert_test_requests SET claimed_at = ? WHERE claimed_at IS NULL RETURNING requested_at")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(instant(rs, 1));
                        }
                    }
                }
                List<PendingAlert> queued = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_alert_outbox (incident_id, sequence, event, "
                        + "created_at) VALUES (NULL, 1, ?::jsonb, ?) RETURNING id")) {
                    for (Instant requestedAt : claimed) {
                        AlertEvent event = eventFor.apply(requestedAt);
                        ps.setString(1, json(event));
                        ps.setTimestamp(2, Timestamp.from(now));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            queued.add(new PendingAlert(rs.getLong(1), null, 1, event));
                        }
                    }
                }
                c.commit();
                return queued;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The outbox rows whose delivery has not ended, oldest first (at most {@value #PENDING_LIMIT}). */
    public List<PendingAlert> pending() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, incident_id, sequence, event::text FROM etl_alert_outbox WHERE state = 'pending' ORDER BY id LIMIT "
                        + PENDING_LIMIT)) {
            List<PendingAlert> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long incident = rs.getLong(2);
                    Long incidentId = rs.wasNull() ? null : incident;
                    rows.add(new PendingAlert(rs.getLong(1), incidentId, rs.getInt(3), event(rs.getString(4))));
                }
            }
            return rows;
        }
    }

    /**
     * One row per webhook once its delivery of an event ended, and the event's outbox row marked delivered (every
     * webhook took it) or failed, in one transaction. A repeated call for the same outbox row records nothing.
     */
    public void recordDeliveries(PendingAlert alert, List<DeliveryOutcome> outcomes, List<String> receivers,
                                 Instant finishedAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (alert.outboxId() != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE etl_alert_outbox SET state = ?, finished_at = ? "
                            + "WHERE id = ? AND state = 'pending'")) {
                        ps.setString(1, outcomes.stream().allMatch(DeliveryOutcome::delivered) ? "delivered" : "failed");
                        ps.setTimestamp(2, Timestamp.from(finishedAt));
                        ps.setLong(3, alert.outboxId());
                        if (ps.executeUpdate() == 0) {
                            c.rollback();
                            return; // recorded already (a retry of this activity after its commit)
                        }
                    }
                }
                insertDeliveries(c, alert.incidentId(), alert.event(), outcomes, receivers, finishedAt);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void insertDeliveries(Connection c, Long incidentId, AlertEvent event, List<DeliveryOutcome> outcomes,
                                         List<String> receivers, Instant finishedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
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

    /** Runs a data-modifying CTE named {@code changed} (id, sequence) followed by {@link #OUTBOX_INSERT}. */
    private Optional<PendingAlert> queued(String sql, AlertEvent event, Instant now, Object... changeArgs) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object arg : changeArgs) {
                bind(ps, i++, arg);
            }
            ps.setString(i++, json(event));
            ps.setTimestamp(i, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new PendingAlert(rs.getLong(1), rs.getLong(2), rs.getInt(3), event)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement ps, int index, Object arg) throws SQLException {
        if (arg instanceof Instant at) {
            ps.setTimestamp(index, Timestamp.from(at));
        } else {
            ps.setObject(index, arg);
        }
    }

    private static String json(AlertEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + event.kind().wireName() + " alert to etl_alert_outbox.event", e);
        }
    }

    private static AlertEvent event(String json) {
        try {
            return JSON.readValue(json, AlertEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("etl_alert_outbox.event holds an event this worker cannot read: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
