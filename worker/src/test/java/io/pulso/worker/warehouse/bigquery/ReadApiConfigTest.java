package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadApiConfigTest {

    @Test
    void triesTheReadApiByDefault() {
        ReadApiConfig config = ReadApiConfig.fromEnv(new Env(Map.of()));

        assertThat(config.mode()).isEqualTo(ReadApiConfig.Mode.AUTO);
        assertThat(config.enabled()).isTrue();
        assertThat(config.endpoint()).isNull();
        assertThat(config.maxStreams()).as("four streams load side by side").isEqualTo(4);
        assertThat(config.pageTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void takesTheModeStreamsTimeoutAndStandInEndpoint() {
        ReadApiConfig config = ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_READ_API", "Auto", "BIGQUERY_READ_STREAMS", "8",
                "BIGQUERY_READ_PAGE_TIMEOUT", "30", "BIGQUERY_READ_EMULATOR_HOST", "127.0.0.1:9060")));

        assertThat(config).isEqualTo(new ReadApiConfig(ReadApiConfig.Mode.AUTO, 8, Duration.ofSeconds(30), "127.0.0.1:9060"));
        assertThat(config.enabled()).isTrue();
    }

    @Test
    void aRestEmulatorWithoutAReadApiStandInReadsOverRest() {
        assertThat(ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_EMULATOR_HOST", "127.0.0.1:9050"))).mode())
                .isEqualTo(ReadApiConfig.Mode.OFF);
        assertThat(ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_EMULATOR_HOST", "127.0.0.1:9050",
                "BIGQUERY_READ_EMULATOR_HOST", "127.0.0.1:9060"))).mode()).isEqualTo(ReadApiConfig.Mode.AUTO);
        assertThatThrownBy(() -> ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_EMULATOR_HOST", "127.0.0.1:9050",
                "BIGQUERY_READ_API", "on")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("BIGQUERY_READ_API=on with BIGQUERY_EMULATOR_HOST needs BIGQUERY_READ_EMULATOR_HOST");
    }

    @Test
    void refusesAnUnknownModeAndOutOfRangeValuesByName() {
        assertThatThrownBy(() -> ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_READ_API", "yes"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_READ_API must be auto, on or off, got 'yes'");
        assertThatThrownBy(() -> ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_READ_STREAMS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_READ_STREAMS");
        assertThatThrownBy(() -> ReadApiConfig.fromEnv(new Env(Map.of("BIGQUERY_READ_EMULATOR_HOST", "http://x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_READ_EMULATOR_HOST must be host:port");
    }
}
