package io.pulso.worker.alert;

import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.time.Clock;

public final class AlertCheckActivitiesImpl implements AlertCheckActivities {

    private final IncidentTracker tracker;
    private final AlertSettings settings;
    private final Clock clock;

    public AlertCheckActivitiesImpl(IncidentTracker tracker, AlertSettings settings, Clock clock) {
        this.tracker = tracker;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DueAlerts check() {
        try {
            return new DueAlerts(tracker.check(clock.instant()), settings.webhooks().size());
        } catch (SQLException e) {
            throw ApplicationFailure.newFailure("cannot read the alert incidents (etl_alert_incidents, etl_execution_log): "
                    + e.getMessage(), "DatabaseUnavailable");
        }
    }
}
