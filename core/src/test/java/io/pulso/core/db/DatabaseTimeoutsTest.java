package io.pulso.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTimeoutsTest {

    @Test
    void readsEveryLimitWithItsUnitAndFallsBackToTheDefaults() {
        DatabaseTimeouts read = DatabaseTimeouts.fromEnv(new Env(Map.of("API_DB_STATEMENT_TIMEOUT", "800ms",
                "API_DB_LOCK_TIMEOUT", "500ms", "API_DB_SOCKET_TIMEOUT", "3", "API_DB_IDLE_IN_TRANSACTION_TIMEOUT", "1m")),
                "API_DB_", DatabaseTimeouts.API);

        assertThat(read).isEqualTo(new DatabaseTimeouts(Duration.ofMillis(800), Duration.ofMillis(500), Duration.ofMinutes(1),
                Duration.ofSeconds(3), DatabaseTimeouts.API.connectTimeout(), DatabaseTimeouts.API.acquireTimeout()));
        assertThat(DatabaseTimeouts.fromEnv(new Env(Map.of()), "WORKER_DB_", DatabaseTimeouts.WORKER))
                .isEqualTo(DatabaseTimeouts.WORKER);
        assertThat(DatabaseTimeouts.fromEnv(new Env(Map.of("WORKER_DB_STATEMENT_TIMEOUT", "1500ms")), "WORKER_DB_",
                DatabaseTimeouts.WORKER).lockTimeout()).as("lowered with the statement timeout").isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesLimitsThatContradictEachOtherWithOneLineNamingTheSettings() {
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnv(new Env(Map.of("API_DB_STATEMENT_TIMEOUT", "2s")), "API_DB_",
                DatabaseTimeouts.API)).isInstanceOf(ConfigException.class).hasMessage("API_DB_STATEMENT_TIMEOUT (2 s) must be "
                + "below API_DB_SOCKET_TIMEOUT (2 s), so the server cancels a slow statement before the driver drops the connection");
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnv(new Env(Map.of("WORKER_DB_LOCK_TIMEOUT", "2m")), "WORKER_DB_",
                DatabaseTimeouts.WORKER)).isInstanceOf(ConfigException.class)
                .hasMessage("WORKER_DB_LOCK_TIMEOUT (120 s) must not exceed WORKER_DB_STATEMENT_TIMEOUT (60 s)");
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnv(new Env(Map.of("WORKER_DB_SOCKET_TIMEOUT", "1500ms")), "WORKER_DB_",
                DatabaseTimeouts.WORKER)).isInstanceOf(ConfigException.class)
                .hasMessage("WORKER_DB_SOCKET_TIMEOUT must be whole seconds (the driver's unit), got 1500 ms");
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnv(new Env(Map.of("API_DB_ACQUIRE_TIMEOUT", "10ms")), "API_DB_",
                DatabaseTimeouts.API)).isInstanceOf(ConfigException.class)
                .hasMessage("API_DB_ACQUIRE_TIMEOUT must be between 250 ms and 3600 s, got 10ms");
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnv(new Env(Map.of("API_DB_CONNECT_TIMEOUT", "２s")), "API_DB_",
                DatabaseTimeouts.API)).isInstanceOf(ConfigException.class)
                .hasMessage("API_DB_CONNECT_TIMEOUT must be a whole number with a unit (ms, s or m; none = seconds), got '２s'");
    }

    @Test
    void everyConnectionOfAPoolCarriesTheServerSideLimitsAndMigrationsHaveNone() throws SQLException {
        DatabaseConfig config = TestDatabase.createDatabase("timeouts");
        try (HikariDataSource api = Database.pool(config, "timeouts-api", 2, DatabaseTimeouts.API);
                HikariDataSource migrations = Database.pool(config, "timeouts-migrations", 2, DatabaseTimeouts.MIGRATIONS)) {
            assertThat(settings(api)).isEqualTo("1500ms|1s|10s");
            assertThat(settings(migrations)).isEqualTo("0|0|0");
        }
    }

    @Test
    void aStatementPastTheStatementTimeoutIsCancelledByTheServer() {
        DatabaseConfig config = TestDatabase.createDatabase("timeouts");
        try (HikariDataSource api = Database.pool(config, "timeouts-api", 2, DatabaseTimeouts.API);
                Connection c = api.getConnection(); Statement s = c.createStatement()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(5)")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(c.isValid(1)).as("the connection survives a cancelled statement").isTrue();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String settings(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('statement_timeout') || '|' || current_setting('lock_timeout')"
                        + " || '|' || current_setting('idle_in_transaction_session_timeout')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
