package io.pulso.api.refresh;

import io.pulso.core.config.Env;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How far back and how wide a backfill the API starts. A range of decades is almost always a typo ({@code 0000-01-01},
 * {@code 2206} for {@code 2026}) and would read the whole warehouse; refusing it costs a client one corrected request.
 *
 * @param earliest the first day a backfill may start at (data of the business starts long after 2000-01-01)
 * @param maxDays  {@code MAX_BACKFILL_DAYS}: the most days one backfill covers, both ends included
 */
public record BackfillLimits(LocalDate earliest, int maxDays) {

    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** Ten years and leap days: a decade backfill fits, a century does not. */
    public static final int DEFAULT_MAX_DAYS = 3660;
    public static final String MAX_DAYS_VARIABLE = "MAX_BACKFILL_DAYS";

    public static BackfillLimits standard() {
        return new BackfillLimits(EARLIEST, DEFAULT_MAX_DAYS);
    }

    /** Reads and validates {@code MAX_BACKFILL_DAYS} (1 to 36600). */
    public static BackfillLimits fromEnv(Env env) {
        return new BackfillLimits(EARLIEST, env.integer(MAX_DAYS_VARIABLE, DEFAULT_MAX_DAYS, 1, 36_600));
    }

    /** Null when {@code from}..{@code to} is within the limits, else the message for the client. */
    String problem(LocalDate from, LocalDate to) {
        if (from.isBefore(earliest)) {
            return "'from' must be " + earliest + " or later, got " + from;
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > maxDays) {
            return "'from' " + from + " to 'to' " + to + " covers " + days + " days; a backfill covers at most " + maxDays
                    + " days (" + MAX_DAYS_VARIABLE + "): split it into smaller ranges";
        }
        return null;
    }
}
