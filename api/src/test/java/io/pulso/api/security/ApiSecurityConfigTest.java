package io.pulso.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSecurityConfigTest {

    private static final String KEY = "k3y-that-is-long-enough-0001";

    @Test
    void productionWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> ApiSecurity.fromEnv(new Env(Map.of("PULSO_ENV", "production"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PULSO_ENV=production requires API_KEY (generate one with: openssl rand -hex 32)");
    }

    @Test
    void productionWithAKeyAndDevelopmentWithoutOneStart() {
        ApiSecurity production = ApiSecurity.fromEnv(new Env(Map.of("PULSO_ENV", "production", "API_KEY", KEY,
                "API_READ_REQUIRES_KEY", "true", "CORS_ORIGINS", "https://dash.example.com, http://localhost:3000")));
        ApiSecurity development = ApiSecurity.fromEnv(new Env(Map.of()));

        assertThat(production.apiKey().matches(KEY)).isTrue();
        assertThat(production.readsRequireKey()).isTrue();
        assertThat(production.corsOrigins()).containsExactly("https://dash.example.com", "http://localhost:3000");
        assertThat(development.apiKey()).isNull();
        assertThat(development.corsOrigins()).isEmpty();
    }

    @Test
    void badSettingsAreNamedWithoutEchoingTheKey() {
        assertThatThrownBy(() -> ApiSecurity.fromEnv(new Env(Map.of("API_KEY", "tiny-secret"))))
                .hasMessageStartingWith("API_KEY is too short").hasMessageNotContaining("tiny-secret");
        assertThatThrownBy(() -> ApiSecurity.fromEnv(new Env(Map.of("API_READ_REQUIRES_KEY", "true"))))
                .hasMessage("API_READ_REQUIRES_KEY=true needs API_KEY");
        assertThatThrownBy(() -> ApiSecurity.fromEnv(new Env(Map.of("CORS_ORIGINS", "*"))))
                .hasMessageStartingWith("CORS_ORIGINS must list origins");
        assertThatThrownBy(() -> ApiSecurity.fromEnv(new Env(Map.of("PULSO_ENV", "prod"))))
                .hasMessage("PULSO_ENV must be production or development, got 'prod'");
    }
}
