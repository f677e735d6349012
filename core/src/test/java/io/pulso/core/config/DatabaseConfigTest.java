package io.pulso.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void readsAPostgresUrlWithCredentials() {
        DatabaseConfig config = DatabaseConfig.fromEnv(new Env(Map.of("DATABASE_URL",
                "postgresql://pulso:s%40cret@db.internal:6543/pulso?sslmode=require")));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/pulso?sslmode=require");
        assertThat(config.user()).isEqualTo("pulso");
        assertThat(config.password()).isEqualTo("s@cret");
        assertThat(config.toString()).doesNotContain("cret");
    }

    @Test
    void readsThePostgresVariables() {
        DatabaseConfig config = DatabaseConfig.fromEnv(new Env(Map.of("POSTGRES_HOST", "h", "POSTGRES_DB", "d",
                "POSTGRES_USER", "u", "POSTGRES_PASSWORD", "p")));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
        assertThat(config.user()).isEqualTo("u");
    }

    @Test
    void saysWhatToSetWhenNothingOrSomethingWrongIsConfigured() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnv(new Env(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set DATABASE_URL");
        assertThatThrownBy(() -> DatabaseConfig.fromEnv(new Env(Map.of("DATABASE_URL", "mysql://u:topsecret@h/d"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("postgresql://").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseConfig.fromEnv(new Env(Map.of("POSTGRES_HOST", "h", "POSTGRES_DB", "d",
                "POSTGRES_USER", "u", "POSTGRES_PORT", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessage("POSTGRES_PORT must be between 1 and 65535, got 70000");
    }

    @Test
    void temporalAddressMustBeHostAndPort() {
        assertThatThrownBy(() -> TemporalConfig.fromEnv(new Env(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TEMPORAL_ADDRESS is not set");
        assertThatThrownBy(() -> TemporalConfig.fromEnv(new Env(Map.of("TEMPORAL_ADDRESS", "http://temporal"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be host:port");
        assertThat(TemporalConfig.fromEnv(new Env(Map.of("TEMPORAL_ADDRESS", "temporal:7233"))))
                .isEqualTo(new TemporalConfig("temporal:7233", "default", "pulso-etl"));
    }
}
