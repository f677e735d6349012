package io.pulso.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.app.PulsoCli;
import io.pulso.core.config.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerUpkeepSettingsTest {

    @Test
    void aBadSweepIntervalStopsTheWorkerBeforeItConnects() {
        StringWriter err = new StringWriter();
        int code = PulsoCli.execute(new Env(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "TEMPORAL_ADDRESS", "127.0.0.1:1", "STALE_RUN_SWEEP_INTERVAL", "1")),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "worker");

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("STALE_RUN_SWEEP_INTERVAL must be 0 (off) or between 10 and 86400 seconds, got 1")
                .doesNotContain("cannot connect");
    }
}
