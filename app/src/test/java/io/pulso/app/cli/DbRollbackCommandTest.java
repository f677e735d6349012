package io.pulso.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.app.PulsoCli;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbRollbackCommandTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PulsoCli.execute(new Env(env), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void rollbackAndReapplyTheLastMigrationThenRefuseOnAnEmptyDatabase() {
        DatabaseConfig db = TestDatabase.createDatabase("clirollback");
        Map<String, String> env = Map.of("DATABASE_URL", db.jdbcUrl(), "POSTGRES_USER", "postgres");
        assertThat(run(env, "db", "migrate").exitCode()).isZero();

        Outcome reapply = run(env, "db", "reapply");
        assertThat(reapply.exitCode()).as(reapply.err()).isZero();
        assertThat(reapply.out()).contains("re-applied; schema version 7");

        for (String expected : new String[] {"rolled back V7 (alert incidents) with U7__alert_incidents.sql",
                "rolled back V6 (deletion guard) with U6__deletion_guard.sql",
                "rolled back V5 (run page keys) with U5__run_page_keys.sql",
                "rolled back V4 (schedule firings) with U4__schedule_firings.sql",
                "rolled back V3 (timescaledb) with U3__timescaledb.sql",
                "rolled back V2 (etl control tables) with U2__etl_control_tables.sql",
                "rolled back V1 (dashboard tables) with U1__dashboard_tables.sql"}) {
            Outcome rollback = run(env, "db", "rollback");
            assertThat(rollback.exitCode()).as(rollback.err()).isZero();
            assertThat(rollback.out()).contains(expected);
        }

        Outcome refused = run(env, "db", "rollback");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("pulso db: nothing to roll back: no migration is applied" + System.lineSeparator());
        assertThat(run(env, "db", "migrate").out()).contains("applied 7 migration(s)");
    }
}
