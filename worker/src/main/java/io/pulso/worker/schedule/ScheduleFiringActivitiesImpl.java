package io.pulso.worker.schedule;

import io.pulso.core.refresh.AlreadyRunningException;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.schedule.FireOutcome;
import io.pulso.core.schedule.ScheduleFiringRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fires through {@link RefreshStarter}, the one way runs start, so a firing never runs beside a manual refresh. */
public final class ScheduleFiringActivitiesImpl implements ScheduleFiringActivities {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiringActivitiesImpl.class);

    private final RefreshStarter starter;
    private final ScheduleFiringRepository firings;
    private final Clock clock;

    public ScheduleFiringActivitiesImpl(RefreshStarter starter, ScheduleFiringRepository firings, Clock clock) {
        this.starter = starter;
        this.firings = firings;
        this.clock = clock;
    }

    @Override
    public FireOutcome fire(String table, String backend) {
        FireOutcome outcome;
        try {
            StartedRun run = starter.start(RefreshRequest.incremental(table, Trigger.SCHEDULE));
            outcome = new FireOutcome(table, clock.instant(), FireOutcome.STARTED, run.runId(), null);
            log.info("schedule of {} fired: started run {}", table, run.runId());
        } catch (AlreadyRunningException e) {
            outcome = new FireOutcome(table, clock.instant(), FireOutcome.SKIPPED, e.runId(),
                    "a refresh was already running (run " + e.runId() + ")");
            log.info("schedule of {} fired: skipped, run {} is in progress", table, e.runId());
        }
        firings.record(outcome, backend);
        return outcome;
    }
}
