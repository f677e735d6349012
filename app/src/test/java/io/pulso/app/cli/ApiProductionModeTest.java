package io.pulso.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.app.PulsoCli;
import io.pulso.core.config.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiProductionModeTest {

    @Test
    void theApiRefusesToStartInProductionWithoutAKey() {
        StringWriter err = new StringWriter();
        int code = PulsoCli.execute(new Env(Map.of("PULSO_ENV", "production",
                        "DATABASE_URL", "postgresql://pulso:db-secret@127.0.0.1:1/pulso", "TEMPORAL_ADDRESS", "127.0.0.1:1")),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "api");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("pulso api: PULSO_ENV=production requires API_KEY").doesNotContain("db-secret");
    }

    @Test
    void aShortKeyIsRefusedWithoutBeingPrinted() {
        StringWriter err = new StringWriter();
        int code = PulsoCli.execute(new Env(Map.of("PULSO_ENV", "production", "API_KEY", "short-key",
                        "DATABASE_URL", "postgresql://pulso@127.0.0.1:1/pulso", "TEMPORAL_ADDRESS", "127.0.0.1:1")),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "api");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("API_KEY is too short").doesNotContain("short-key");
    }

    @Test
    void generatedKeysAreLongRandomAndHex() {
        String first = ApiKeys.generate();

        assertThat(first).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(ApiKeys.generate()).isNotEqualTo(first);
    }
}
