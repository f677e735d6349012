package io.pulso.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceSettingsTest {

    @Test
    void defaultsAreFiveMinutesOneHourAndTheLogsSixMonths() {
        assertThat(MaintenanceSettings.fromEnv(new Env(Map.of()))).isEqualTo(MaintenanceSettings.standard())
                .isEqualTo(new MaintenanceSettings(Duration.ofMinutes(5), Duration.ofHours(1), 6));
    }

    @Test
    void readsTheIntervalsAndZeroTurnsATaskOff() {
        assertThat(MaintenanceSettings.fromEnv(new Env(Map.of("STALE_RUN_SWEEP_INTERVAL", "30", "LEDGER_PRUNE_INTERVAL", "0",
                "LEDGER_RETENTION_MONTHS", "12"))))
                .isEqualTo(new MaintenanceSettings(Duration.ofSeconds(30), Duration.ZERO, 12));
    }

    @Test
    void refusesValuesOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> MaintenanceSettings.fromEnv(new Env(Map.of("STALE_RUN_SWEEP_INTERVAL", "5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("STALE_RUN_SWEEP_INTERVAL must be 0 (off) or between 10 and 86400 seconds, got 5");
        assertThatThrownBy(() -> MaintenanceSettings.fromEnv(new Env(Map.of("LEDGER_PRUNE_INTERVAL", "hourly"))))
                .hasMessage("LEDGER_PRUNE_INTERVAL must be a whole number, got 'hourly'");
        assertThatThrownBy(() -> MaintenanceSettings.fromEnv(new Env(Map.of("LEDGER_RETENTION_MONTHS", "0"))))
                .hasMessage("LEDGER_RETENTION_MONTHS must be between 1 and 120, got 0");
    }
}
