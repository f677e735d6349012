package io.pulso.core.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * When a table refreshes: every {@code interval} (aligned to the epoch, like Temporal's interval specs) or at the
 * times of a {@code cron} expression read in {@code timeZone}. Exactly one of the two.
 */
public record ScheduleSpec(Duration interval, String cron, String timeZone, boolean paused) {

    public static final String DEFAULT_TIME_ZONE = "America/Lima";
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public ScheduleSpec {
        if ((interval == null) == (cron == null || cron.isBlank())) {
            throw new InvalidScheduleException("give exactly one of 'interval' and 'cron'");
        }
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidScheduleException("'interval' must be at least 1 second, got " + interval);
        }
        cron = cron == null ? null : cron.strip();
        if (cron != null && cron.split("\\s+").length != 5) {
            throw new InvalidScheduleException("'cron' must have five fields (minute hour day-of-month month day-of-week), got '"
                    + cron + "'");
        }
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("unknown 'timeZone' '" + timeZone + "'");
        }
    }

    public static ScheduleSpec every(Duration interval) {
        return new ScheduleSpec(interval, null, null, false);
    }

    public ScheduleSpec withPaused(boolean paused) {
        return new ScheduleSpec(interval, cron, timeZone, paused);
    }
}
