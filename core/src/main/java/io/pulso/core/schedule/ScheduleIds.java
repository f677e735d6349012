package io.pulso.core.schedule;

/** Ids of the schedule objects of a table, on either backend. */
public final class ScheduleIds {

    private ScheduleIds() {
    }

    /** The Temporal Schedule of a table. */
    public static String schedule(String table) {
        return "etl-schedule-" + table;
    }

    /** The timer-loop workflow that stands in for a Temporal Schedule on servers without the Schedules API. */
    public static String fallback(String table) {
        return "etl-cron-" + table;
    }

    /** The short workflow a Temporal Schedule starts at each firing (the server appends the firing time). */
    public static String firing(String table) {
        return "etl-schedule-fire-" + table;
    }
}
