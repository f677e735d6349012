package io.pulso.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.UnknownTableException;
import io.pulso.core.testing.TestDatabase;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Temporal Schedules backend against a recording stand-in for the server's Schedules API. */
class TemporalSchedulesSchedulerTest {

    private static HikariDataSource db;
    private RecordingScheduleClient server;
    private TemporalSchedulesScheduler scheduler;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("schedules");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        TestDatabase.execute(db, "TRUNCATE etl_schedule_firings");
        server = new RecordingScheduleClient();
        scheduler = new TemporalSchedulesScheduler(server, "pulso-refresh", TableCatalog.pulso(), new ScheduleFiringRepository(db));
    }

    @Test
    void createsAScheduleThatFiresTheTableThroughItsFixedIdWithOverlapSkipAndABoundedCatchUp() {
        boolean created = scheduler.put("operation_data", ScheduleSpec.every(Duration.ofHours(2)));

        assertThat(created).isTrue();
        assertThat(server.requests).containsExactly("create etl-schedule-operation_data");
        Schedule schedule = server.schedules.get("etl-schedule-operation_data");
        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
        assertThat(action.getWorkflowType()).isEqualTo("FireScheduledRefresh");
        assertThat(action.getOptions().getWorkflowId()).isEqualTo("etl-schedule-fire-operation_data");
        assertThat(action.getOptions().getTaskQueue()).isEqualTo("pulso-refresh");
        assertThat(action.getArguments().get(0, String.class)).isEqualTo("operation_data");
        assertThat(schedule.getPolicy().getOverlap()).isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
        assertThat(schedule.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.getSpec().getIntervals()).containsExactly(new ScheduleIntervalSpec(Duration.ofHours(2)));
        assertThat(schedule.getSpec().getTimeZoneName()).isEqualTo("America/Lima");
        assertThat(schedule.getState().isPaused()).isFalse();
    }

    @Test
    void aSecondPutUpdatesAndACronSpecIsPassedWithItsTimeZone() {
        scheduler.put("dashboard_data", ScheduleSpec.every(Duration.ofHours(6)));

        boolean created = scheduler.put("dashboard_data", new ScheduleSpec(null, "30 6 * * 1-5", "UTC", true));

        assertThat(created).isFalse();
        assertThat(server.requests).containsExactly("create etl-schedule-dashboard_data", "update etl-schedule-dashboard_data");
        Schedule schedule = server.schedules.get("etl-schedule-dashboard_data");
        assertThat(schedule.getSpec().getCronExpressions()).containsExactly("30 6 * * 1-5");
        assertThat(schedule.getSpec().getIntervals()).isNullOrEmpty();
        assertThat(schedule.getSpec().getTimeZoneName()).isEqualTo("UTC");
        assertThat(schedule.getState().isPaused()).isTrue();
    }

    @Test
    void pauseResumeTriggerDeleteAndTheView() {
        scheduler.put("operation_data", ScheduleSpec.every(Duration.ofHours(2)));
        new ScheduleFiringRepository(db).record(new FireOutcome("operation_data", Instant.parse("2026-03-01T12:00:00Z"),
                FireOutcome.SKIPPED, "run-9", "a refresh was already running (run run-9)"), TableScheduler.TEMPORAL_SCHEDULES);

        scheduler.pause("operation_data");
        ScheduleView paused = scheduler.find("operation_data").orElseThrow();
        scheduler.resume("operation_data");
        scheduler.trigger("operation_data");
        ScheduleView running = scheduler.list().get(0);
        scheduler.delete("operation_data");

        assertThat(server.requests).containsExactly("create etl-schedule-operation_data", "pause etl-schedule-operation_data",
                "unpause etl-schedule-operation_data",
                "trigger etl-schedule-operation_data SCHEDULE_OVERLAP_POLICY_SKIP", "delete etl-schedule-operation_data");
        assertThat(paused.paused()).isTrue();
        assertThat(paused.nextFireAt()).isNull();
        assertThat(running.paused()).isFalse();
        assertThat(running.backend()).isEqualTo("temporal-schedules");
        assertThat(running.scheduleId()).isEqualTo("etl-schedule-operation_data");
        assertThat(running.interval()).isEqualTo(Duration.ofHours(2));
        assertThat(running.nextFireAt()).isEqualTo(RecordingScheduleClient.NEXT_FIRE);
        assertThat(running.firings().last().outcome()).isEqualTo("skipped");
        assertThat(running.firings().skipped()).isEqualTo(1);
        assertThat(scheduler.list()).isEmpty();
    }

    @Test
    void aTableWithoutAScheduleOrOutsideTheCatalogIsRefused() {
        assertThatThrownBy(() -> scheduler.pause("operation_data")).isInstanceOf(ScheduleNotFoundException.class);
        assertThatThrownBy(() -> scheduler.put("nope", ScheduleSpec.every(Duration.ofHours(1))))
                .isInstanceOf(UnknownTableException.class);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void defaultSchedulesGiveEachTableItsRefreshIntervalAndKeepExistingOnes() {
        scheduler.put("operation_data", ScheduleSpec.every(Duration.ofMinutes(15)));

        List<String> created = DefaultSchedules.ensure(scheduler, TableCatalog.pulso());

        assertThat(created).containsExactlyInAnyOrder("dashboard_data", "evolution_data", "assignment_data", "productivity_data");
        assertThat(server.schedules.get("etl-schedule-operation_data").getSpec().getIntervals())
                .containsExactly(new ScheduleIntervalSpec(Duration.ofMinutes(15)));
        assertThat(server.schedules.get("etl-schedule-assignment_data").getSpec().getIntervals())
                .containsExactly(new ScheduleIntervalSpec(Duration.ofHours(24)));
    }

    @Test
    void specsAreValidated() {
        assertThatThrownBy(() -> new ScheduleSpec(Duration.ofHours(1), "0 * * * *", null, false))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new ScheduleSpec(Duration.ofMillis(10), null, null, false))
                .hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> new ScheduleSpec(null, "every day", null, false)).hasMessageContaining("five fields");
        assertThatThrownBy(() -> new ScheduleSpec(Duration.ofHours(1), null, "Mars/Base", false)).hasMessageContaining("Mars/Base");
    }
}
