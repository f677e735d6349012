package io.pulso.core.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A table's schedule as either backend reports it, with its firings.
 *
 * @param backend    temporal-schedules or cron-workflow (the fallback)
 * @param scheduleId the Temporal Schedule id, or the fallback workflow's id
 * @param nextFireAt next firing, null when paused or unknown
 */
public record ScheduleView(String table, String backend, String scheduleId, Duration interval, String cron, String timeZone,
                           boolean paused, Instant nextFireAt, FiringStats firings) {
}
