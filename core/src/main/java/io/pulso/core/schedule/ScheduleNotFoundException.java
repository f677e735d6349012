package io.pulso.core.schedule;

/** The table has no schedule. */
public class ScheduleNotFoundException extends RuntimeException {

    public ScheduleNotFoundException(String table) {
        super("table '" + table + "' has no schedule");
    }
}
