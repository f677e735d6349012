package io.pulso.worker.alert;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RunStatus;
import io.pulso.worker.observability.FailureReason;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, from the database alone, which notifications are due: a table whose latest finished run failed (or was
 * abandoned) or was held, or whose last success is older than twice its refresh interval, has one open incident,
 * announced once and again every {@code ALERT_REMINDER}; its next success closes it with "recovered". Restarts and
 * parallel checkers change nothing: each send is won by one conditional write, which queues the event in the outbox
 * in the same statement, so a crash right after it loses nothing. Test requests of the API are claimed
 * the same way.
 */
public final class IncidentTracker {

    private final TableCatalog catalog;
    private final IncidentRepository incidents;
    private final Duration reminder;
    private final AlertLinks links;

    public IncidentTracker(TableCatalog catalog, IncidentRepository incidents, Duration reminder, AlertLinks links) {
        this.catalog = catalog;
        this.incidents = incidents;
        this.reminder = reminder;
        this.links = links;
    }

    /** Twice the refresh interval: one missed schedule is tolerated, two are not. */
    public static Duration staleAfter(TableDefinition table) {
        return table.refreshInterval().multipliedBy(2);
    }

    /** Decides and queues the events due now (in the outbox, with the incident change); returns those it queued. */
    public List<PendingAlert> check(Instant now) throws SQLException {
        Map<String, IncidentRepository.OpenIncident> open = incidents.openByTable();
        List<PendingAlert> due = new ArrayList<>();
        for (TableHealth health : incidents.health(catalog.names())) {
            AlertKind trouble = trouble(health, now);
            IncidentRepository.OpenIncident incident = open.get(health.table());
            if (trouble != null) {
                String kind = trouble.wireName();
                if (incident == null) {
                    incidents.tryOpen(health.table(), kind, health.runId(), now, event(trouble, health, now)).ifPresent(due::add);
                } else if (!now.isBefore(incident.lastSentAt().plus(reminder))) {
                    incidents.tryRemind(incident, kind, health.runId(), now, event(trouble, health, now)).ifPresent(due::add);
                }
            } else if (incident != null && health.status() == RunStatus.SUCCEEDED) {
                incidents.tryClose(incident, health.runId(), now, event(AlertKind.RECOVERED, health, now)).ifPresent(due::add);
            }
        }
        due.addAll(incidents.claimTestRequests(now, requestedAt -> new AlertEvent(AlertKind.TEST, null, null, null, null,
                null, "Test notification asked for with POST /api/v1/etl/alerts/test", 0, requestedAt, null, null, null)));
        return due;
    }

    /** What is wrong with the table now, or null: a failed run comes before staleness (it explains it). */
    private AlertKind trouble(TableHealth health, Instant now) {
        if (health.status() == RunStatus.FAILED || health.status() == RunStatus.ABANDONED) {
            return AlertKind.FAILED;
        }
        if (health.status() == RunStatus.HELD) {
            return AlertKind.HELD;
        }
        Duration staleAfter = staleAfter(catalog.require(health.table()));
        if (health.lastSuccessAt() != null && health.lastSuccessAt().plus(staleAfter).isBefore(now)) {
            return AlertKind.STALE;
        }
        return null;
    }

    private AlertEvent event(AlertKind kind, TableHealth h, Instant now) {
        boolean aboutRun = kind != AlertKind.STALE;
        String runId = aboutRun ? h.runId() : null;
        String reason = switch (kind) {
            case FAILED -> h.status() == RunStatus.ABANDONED ? "abandoned" : FailureReason.of(h.error());
            case HELD -> "held";
            default -> null;
        };
        return new AlertEvent(kind, h.table(), runId, aboutRun ? h.mode() : null, aboutRun ? h.trigger() : null, reason,
                kind == AlertKind.FAILED || kind == AlertKind.HELD ? h.error() : null, aboutRun ? h.attempts() : 0,
                aboutRun && h.finishedAt() != null ? h.finishedAt() : now, h.lastSuccessAt(), links.run(runId),
                links.temporal(h.table(), runId));
    }
}
