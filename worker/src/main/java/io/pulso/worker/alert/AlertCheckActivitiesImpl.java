package io.pulso.worker.alert;

import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.time.Clock;

public final class AlertCheckActivitiesImpl implements AlertCheckActivities {

    private final IncidentTracker tracker;
    private final IncidentRepository incidents;
    private final AlertSettings settings;
    private final Clock clock;

    public AlertCheckActivitiesImpl(IncidentTracker tracker, IncidentRepository incidents, AlertSettings settings, Clock clock) {
        this.tracker = tracker;
        this.incidents = incidents;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DueAlerts check() {
        try {
            tracker.check(clock.instant());
            // Every pending row, not only the ones queued now: a retry after a crash past the commit still sends them.
            return new DueAlerts(incidents.pending(), settings.webhooks().size());
        } catch (SQLException e) {
            throw ApplicationFailure.newFailure("cannot read the alert incidents (etl_alert_incidents, etl_alert_outbox, etl_execution_log): "
                    + e.getMessage(), "DatabaseUnavailable");
        }
    }
}
