package io.pulso.core.schedule;

import java.util.List;
import java.util.Optional;

/**
 * Per-table refresh schedules. Every firing goes through {@code RefreshStarter} with the table's one workflow id, so a
 * firing while a refresh runs starts nothing and is recorded as skipped. Two backends: Temporal Schedules, and timer
 * workflows for servers that answer UNIMPLEMENTED to the Schedules API (see {@link SchedulerSelection}).
 */
public interface TableScheduler {

    String TEMPORAL_SCHEDULES = "temporal-schedules";
    String CRON_WORKFLOW = "cron-workflow";

    /** Which backend serves the schedules. */
    String backend();

    /** The schedules of the catalog's tables that have one. */
    List<ScheduleView> list();

    Optional<ScheduleView> find(String table);

    /** Creates or replaces the table's schedule; true when it was created. */
    boolean put(String table, ScheduleSpec spec);

    void pause(String table);

    void resume(String table);

    /** Fires the schedule now (the firing may skip if the table is refreshing). */
    void trigger(String table);

    void delete(String table);
}
