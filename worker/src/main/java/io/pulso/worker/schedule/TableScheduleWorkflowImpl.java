package io.pulso.worker.schedule;

import io.pulso.core.schedule.FallbackScheduleState;
import io.pulso.core.schedule.ScheduleSpec;
import io.pulso.core.schedule.TableScheduleWorkflow;
import io.pulso.core.schedule.TableScheduler;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The fallback schedule: sleep on a durable timer until the next interval boundary (epoch-aligned, as Temporal's
 * interval specs), fire, repeat. Signals change the spec (pause, resume, new interval) or fire at once. A firing that
 * cannot start is logged and the loop goes on. History stays bounded: continue-as-new every {@value #FIRINGS_PER_RUN}
 * firings.
 */
public class TableScheduleWorkflowImpl implements TableScheduleWorkflow {

    static final int FIRINGS_PER_RUN = 200;
    private static final Logger log = Workflow.getLogger(TableScheduleWorkflowImpl.class);

    private final ScheduleFiringActivities firing = Workflow.newActivityStub(ScheduleFiringActivities.class,
            FireScheduledRefreshWorkflowImpl.FIRING);

    private ScheduleSpec spec;
    private boolean changed;
    private boolean triggered;
    private Instant nextFireAt;

    @Override
    public void run(String table, ScheduleSpec initial) {
        spec = initial;
        for (int fired = 0; fired < FIRINGS_PER_RUN; ) {
            changed = false;
            if (spec.paused()) {
                nextFireAt = null;
                Workflow.await(() -> changed || triggered);
            } else {
                long now = Workflow.currentTimeMillis();
                long every = spec.interval().toMillis();
                long next = (now / every + 1) * every;
                nextFireAt = Instant.ofEpochMilli(next);
                boolean woken = Workflow.await(Duration.ofMillis(next - now), () -> changed || triggered);
                if (!woken) {
                    fire(table);
                    fired++;
                }
            }
            if (triggered) {
                triggered = false;
                fire(table);
                fired++;
            }
        }
        Workflow.continueAsNew(table, spec);
    }

    private void fire(String table) {
        try {
            firing.fire(table, TableScheduler.CRON_WORKFLOW);
        } catch (ActivityFailure e) {
            log.warn("schedule of {}: firing failed, next one as planned: {}", table, e.getCause() == null ? e : e.getCause().getMessage());
        }
    }

    @Override
    public void update(ScheduleSpec newSpec) {
        spec = newSpec;
        changed = true;
    }

    @Override
    public void trigger() {
        triggered = true;
    }

    @Override
    public FallbackScheduleState state() {
        return new FallbackScheduleState(spec, spec != null && spec.paused() ? null : nextFireAt);
    }
}
