package io.pulso.core.schedule;

import io.grpc.Status;
import io.pulso.core.catalog.TableCatalog;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schedules as Temporal Schedules, id {@link ScheduleIds#schedule}: visible and controllable in the Temporal UI
 * (Schedules page), kept by the server across restarts. Each firing starts {@link FireScheduledRefreshWorkflow}, which
 * starts the refresh under the table's fixed workflow id or records a skip.
 */
public final class TemporalSchedulesScheduler implements TableScheduler {

    /** Firings missed while the server was down are made up only within this window, so an outage does not queue a storm. */
    static final Duration CATCHUP_WINDOW = Duration.ofMinutes(10);
    private static final String NOTE = "managed by the Pulso ETL API";

    private final ScheduleClient schedules;
    private final String taskQueue;
    private final TableCatalog catalog;
    private final ScheduleFiringRepository firings;

    public TemporalSchedulesScheduler(ScheduleClient schedules, String taskQueue, TableCatalog catalog,
                                      ScheduleFiringRepository firings) {
        this.schedules = schedules;
        this.taskQueue = taskQueue;
        this.catalog = catalog;
        this.firings = firings;
    }

    @Override
    public String backend() {
        return TEMPORAL_SCHEDULES;
    }

    @Override
    public List<ScheduleView> list() {
        List<ScheduleView> views = new ArrayList<>();
        for (String table : catalog.names()) {
            find(table).ifPresent(views::add);
        }
        return views;
    }

    @Override
    public Optional<ScheduleView> find(String table) {
        catalog.require(table);
        return describe(table).map(d -> view(table, d));
    }

    @Override
    public boolean put(String table, ScheduleSpec spec) {
        catalog.require(table);
        Schedule schedule = schedule(table, spec);
        if (describe(table).isPresent()) {
            schedules.getHandle(ScheduleIds.schedule(table)).update(input -> new ScheduleUpdate(schedule));
            return false;
        }
        schedules.createSchedule(ScheduleIds.schedule(table), schedule, ScheduleOptions.newBuilder().build());
        return true;
    }

    @Override
    public void pause(String table) {
        handle(table).pause(NOTE + ": paused");
    }

    @Override
    public void resume(String table) {
        handle(table).unpause(NOTE + ": resumed");
    }

    @Override
    public void trigger(String table) {
        handle(table).trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    }

    @Override
    public void delete(String table) {
        handle(table).delete();
    }

    /** The Temporal Schedule for a table and spec; public so its shape can be checked without a server. */
    public Schedule schedule(String table, ScheduleSpec spec) {
        io.temporal.client.schedules.ScheduleSpec.Builder when = io.temporal.client.schedules.ScheduleSpec.newBuilder()
                .setTimeZoneName(spec.timeZone());
        if (spec.interval() != null) {
            when.setIntervals(List.of(new ScheduleIntervalSpec(spec.interval())));
        } else {
            when.setCronExpressions(List.of(spec.cron()));
        }
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(FireScheduledRefreshWorkflow.class)
                        .setArguments(table)
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(ScheduleIds.firing(table))
                                .setTaskQueue(taskQueue)
                                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                                .build())
                        .build())
                .setSpec(when.build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .setCatchupWindow(CATCHUP_WINDOW)
                        .build())
                .setState(ScheduleState.newBuilder().setPaused(spec.paused()).setNote(NOTE).build())
                .build();
    }

    private ScheduleView view(String table, ScheduleDescription description) {
        Schedule schedule = description.getSchedule();
        io.temporal.client.schedules.ScheduleSpec spec = schedule.getSpec();
        Duration interval = spec.getIntervals() == null || spec.getIntervals().isEmpty() ? null : spec.getIntervals().get(0).getEvery();
        String cron = spec.getCronExpressions() == null || spec.getCronExpressions().isEmpty() ? null : spec.getCronExpressions().get(0);
        boolean paused = schedule.getState() != null && schedule.getState().isPaused();
        List<Instant> next = description.getInfo() == null ? List.of() : description.getInfo().getNextActionTimes();
        return new ScheduleView(table, backend(), ScheduleIds.schedule(table), interval, cron, spec.getTimeZoneName(), paused,
                paused || next == null || next.isEmpty() ? null : next.get(0), firings.stats(table));
    }

    private ScheduleHandle handle(String table) {
        catalog.require(table);
        if (describe(table).isEmpty()) {
            throw new ScheduleNotFoundException(table);
        }
        return schedules.getHandle(ScheduleIds.schedule(table));
    }

    private Optional<ScheduleDescription> describe(String table) {
        try {
            return Optional.of(schedules.getHandle(ScheduleIds.schedule(table)).describe());
        } catch (RuntimeException e) {
            if (SchedulerSelection.code(e) == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
