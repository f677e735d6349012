package io.pulso.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void wholeNumbersAreAsciiDigitsOnly() {
        assertThat(new Env(Map.of("N", "42")).integer("N", 1, 0, 100)).isEqualTo(42);
        assertThat(new Env(Map.of("N", "-3")).integer("N", 1, -5, 100)).isEqualTo(-3);
        for (String lookalike : new String[] {"７", "٧", "4２", "+7", "7.0", " "}) {
            Env env = new Env(Map.of("N", lookalike));
            if (lookalike.isBlank()) {
                assertThat(env.integer("N", 1, 0, 100)).as("blank is unset").isEqualTo(1);
            } else {
                assertThatThrownBy(() -> env.integer("N", 1, 0, 100)).as(lookalike).isInstanceOf(ConfigException.class)
                        .hasMessage("N must be a whole number, got '" + lookalike + "'");
            }
        }
        assertThatThrownBy(() -> new Env(Map.of("N", "99999999999")).integer("N", 1, 0, 100))
                .isInstanceOf(ConfigException.class).hasMessage("N must be a whole number, got '99999999999'");
    }

    @Test
    void durationsTakeAUnitAndABareNumberIsSeconds() {
        Duration min = Duration.ZERO;
        Duration max = Duration.ofHours(1);
        assertThat(new Env(Map.of("T", "1500ms")).duration("T", Duration.ZERO, min, max)).isEqualTo(Duration.ofMillis(1500));
        assertThat(new Env(Map.of("T", "90")).duration("T", Duration.ZERO, min, max)).isEqualTo(Duration.ofSeconds(90));
        assertThat(new Env(Map.of("T", "90S")).duration("T", Duration.ZERO, min, max)).isEqualTo(Duration.ofSeconds(90));
        assertThat(new Env(Map.of("T", "2m")).duration("T", Duration.ZERO, min, max)).isEqualTo(Duration.ofMinutes(2));
        assertThat(new Env(Map.of()).duration("T", Duration.ofSeconds(7), min, max)).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> new Env(Map.of("T", "2h")).duration("T", Duration.ZERO, min, max))
                .isInstanceOf(ConfigException.class)
                .hasMessage("T must be a whole number with a unit (ms, s or m; none = seconds), got '2h'");
        assertThatThrownBy(() -> new Env(Map.of("T", "-1s")).duration("T", Duration.ZERO, min, max))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new Env(Map.of("T", "61m")).duration("T", Duration.ZERO, min, max))
                .isInstanceOf(ConfigException.class).hasMessage("T must be between 0 (off) and 3600 s, got 61m");
    }
}
