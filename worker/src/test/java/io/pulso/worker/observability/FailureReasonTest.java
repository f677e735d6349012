package io.pulso.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void freeTextErrorsMapToAFewLabelValues() {
        assertThat(FailureReason.of("LoadPages: activity StartToClose timeout")).isEqualTo("timeout");
        assertThat(FailureReason.of("BigQuery: permission denied on dataset BI_USA")).isEqualTo("permission");
        assertThat(FailureReason.of("warehouse query failed: syntax error at [3:5]")).isEqualTo("warehouse");
        assertThat(FailureReason.of("evolution_data: the extraction result lacks column(s) cuentas")).isEqualTo("invalid_data");
        assertThat(FailureReason.of("evolution_data: pages held 3 rows but the extraction result has 4")).isEqualTo("invalid_data");
        assertThat(FailureReason.of("cannot finish the run of x: database unavailable")).isEqualTo("database");
        assertThat(FailureReason.of("run was cancelled")).isEqualTo("cancelled");
        assertThat(FailureReason.of("run exceeded its deadline of 11h30m (its workflow times out after 12h); pages committed "
                + "so far stay loaded; retry the run to load the rest")).isEqualTo("deadline_exceeded");
        assertThat(FailureReason.of("something new")).isEqualTo("other");
        assertThat(FailureReason.of(null)).isEqualTo("other");
    }
}
