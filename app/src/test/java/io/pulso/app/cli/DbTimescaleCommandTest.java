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

class DbTimescaleCommandTest {

    @Test
    void onPlainPostgresqlItExitsWithThreeAndOneLineSayingWhy() {
        DatabaseConfig db = TestDatabase.createDatabase("clitimescale");
        Map<String, String> env = Map.of("DATABASE_URL", db.jdbcUrl(), "POSTGRES_USER", "postgres");
        StringWriter out = new StringWriter();
        assertThat(PulsoCli.execute(new Env(env), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "db", "migrate")).isZero();

        for (int round = 0; round < 2; round++) {
            StringWriter err = new StringWriter();
            int code = PulsoCli.execute(new Env(env), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "db", "timescale");
            assertThat(code).isEqualTo(3);
            assertThat(err.toString()).isEqualTo("pulso db timescale: TimescaleDB is not available on this PostgreSQL server "
                    + "(pg_available_extensions has no timescaledb), so the tables stay plain tables; nothing was changed"
                    + System.lineSeparator());
        }
    }
}
