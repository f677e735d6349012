package io.pulso.api.schedule;

import io.pulso.core.schedule.FireOutcome;
import io.pulso.core.schedule.ScheduleView;
import java.time.Instant;

/**
 * A schedule as the API shows it. {@code backend} says who runs it: temporal-schedules (visible in the Temporal UI's
 * Schedules page) or cron-workflow (a timer workflow, for servers without the Schedules API).
 */
public record ScheduleResponse(String table, String backend, String scheduleId, String interval, Long intervalSeconds,
                               String cron, String timeZone, boolean paused, Instant nextFireAt, Firings firings) {

    /** The last firing and the counts per outcome. */
    public record Firings(Instant lastFiredAt, String lastOutcome, String lastRunId, String lastDetail, long started,
                          long skipped, long failed) {
    }

    static ScheduleResponse of(ScheduleView view) {
        FireOutcome last = view.firings().last();
        return new ScheduleResponse(view.table(), view.backend(), view.scheduleId(),
                view.interval() == null ? null : view.interval().toString(),
                view.interval() == null ? null : view.interval().toSeconds(), view.cron(), view.timeZone(), view.paused(),
                view.nextFireAt(), new Firings(last == null ? null : last.firedAt(), last == null ? null : last.outcome(),
                        last == null ? null : last.runId(), last == null ? null : last.detail(), view.firings().started(),
                        view.firings().skipped(), view.firings().failed()));
    }
}
