package io.pulso.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Temporal Schedule the workers create for the alert check on a server with Schedules (checked without one). */
class AlertCheckScheduleTest {

    @Test
    void eachTickStartsOneCheckRunAndAnOverlappingTickIsSkipped() {
        Schedule schedule = AlertCheckSchedule.definition("pulso-etl", 60);

        assertThat(AlertCheckSchedule.SCHEDULE_ID).isEqualTo("etl-alert-check");
        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
        assertThat(action.getWorkflowType()).isEqualTo("AlertCheckTick");
        assertThat(action.getOptions().getWorkflowId()).isEqualTo("etl-alert-check-tick");
        assertThat(action.getOptions().getTaskQueue()).isEqualTo("pulso-etl");
        assertThat(action.getOptions().getWorkflowExecutionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.getSpec().getIntervals()).extracting(ScheduleIntervalSpec::getEvery)
                .containsExactly(Duration.ofSeconds(60));
        assertThat(schedule.getPolicy().getOverlap()).isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
        assertThat(schedule.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.getState().isPaused()).isFalse();
    }

    @Test
    void theIntervalIsTheCheckInterval() {
        Schedule schedule = AlertCheckSchedule.definition("q", 300);
        assertThat(schedule.getSpec().getIntervals()).extracting(ScheduleIntervalSpec::getEvery)
                .containsExactly(Duration.ofMinutes(5));
        assertThat(schedule.getPolicy().getCatchupWindow()).as("a missed tick is made up within one interval")
                .isEqualTo(Duration.ofMinutes(5));
    }
}
