package io.pulso.core.refresh;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to refresh: the workflow's input.
 *
 * @param table   a catalog table
 * @param mode    how the window is chosen
 * @param days    sliding window only: how many days back from today (America/Lima); null = the table's lookback
 * @param from    backfill only: first day, inclusive
 * @param to      backfill only: last day, inclusive
 * @param trigger what started the run
 * @param retryOf run id of the failed run this one retries, or null
 * @param overrides what the safety guards may let through for this run; null (older workflows) = none
 */
public record RefreshRequest(String table, RefreshMode mode, Integer days, LocalDate from, LocalDate to,
                             Trigger trigger, String retryOf, GuardOverrides overrides) {

    public static final int MAX_DAYS = 3650;

    public RefreshRequest {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        validate(mode, days, from, to);
    }

    /** A request under the guards' defaults. */
    public RefreshRequest(String table, RefreshMode mode, Integer days, LocalDate from, LocalDate to, Trigger trigger,
                          String retryOf) {
        this(table, mode, days, from, to, trigger, retryOf, null);
    }

    /** The overrides, never null. */
    public GuardOverrides guardOverrides() {
        return overrides == null ? GuardOverrides.NONE : overrides;
    }

    public RefreshRequest withOverrides(GuardOverrides newOverrides) {
        return new RefreshRequest(table, mode, days, from, to, trigger, retryOf,
                newOverrides == null || !newOverrides.any() ? null : newOverrides);
    }

    public static RefreshRequest incremental(String table, Trigger trigger) {
        return new RefreshRequest(table, RefreshMode.INCREMENTAL, null, null, null, trigger, null);
    }

    /** Checks the mode's parameters; the message is fit for an API client. */
    public static void validate(RefreshMode mode, Integer days, LocalDate from, LocalDate to) {
        if (days != null && mode != RefreshMode.SLIDING_WINDOW) {
            throw new IllegalArgumentException("'days' applies only to mode sliding_window, not " + mode.wireName());
        }
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new IllegalArgumentException("'days' must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if ((from != null || to != null) && mode != RefreshMode.BACKFILL) {
            throw new IllegalArgumentException("'from' and 'to' apply only to mode backfill, not " + mode.wireName());
        }
        if (mode == RefreshMode.BACKFILL) {
            if (from == null || to == null) {
                throw new IllegalArgumentException("mode backfill needs both 'from' and 'to' (YYYY-MM-DD)");
            }
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
            }
        }
    }
}
