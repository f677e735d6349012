package io.pulso.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.core.refresh.RefreshStarter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunDeadlineTest {

    @Test
    void theDeadlineFallsAMarginBeforeTheWorkflowTimeout() {
        RunDeadline standard = RunDeadline.of(RefreshStarter.RUN_TIMEOUT);
        assertThat(standard.after()).isEqualTo(Duration.ofHours(11).plusMinutes(30));
        assertThat(standard.message()).startsWith("run exceeded its deadline of 11h30m (its workflow times out after 12h)");
        assertThat(RunDeadline.of(Duration.ZERO)).as("no timeout set: the starter's").isEqualTo(standard);
        assertThat(RunDeadline.of(null)).isEqualTo(standard);
        assertThat(RunDeadline.of(Duration.ofMinutes(20)).after()).as("a short timeout keeps 3/4 for work").isEqualTo(Duration.ofMinutes(15));
        assertThat(standard.settle()).as("half the margin").isEqualTo(Duration.ofMinutes(15));
        assertThat(RunDeadline.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(RunDeadline.human(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("1h30m5s");
    }
}
