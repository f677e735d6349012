package io.pulso.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.app.PulsoCli;
import io.pulso.app.embedded.Ports;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production commands read their configuration once, at start, and refuse to run with a clear line when it is wrong. */
class CommandConfigurationTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PulsoCli.execute(new Env(env), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static String url(DatabaseConfig db) {
        return db.jdbcUrl();
    }

    @Test
    void apiWithoutADatabaseSaysWhatToSet() {
        Outcome outcome = run(Map.of(), "api");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("pulso api: no database configured: set DATABASE_URL");
    }

    @Test
    void workerWithoutTemporalSaysWhatToSet() {
        Outcome outcome = run(Map.of("DATABASE_URL", "postgresql://u:secret@localhost:1/x"), "worker");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("TEMPORAL_ADDRESS is not set").doesNotContain("secret");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithoutItsPassword() {
        Outcome outcome = run(Map.of("DATABASE_URL", "postgresql://u:secret@127.0.0.1:" + Ports.free() + "/x",
                "TEMPORAL_ADDRESS", "127.0.0.1:7233"), "api");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("cannot connect to the database at jdbc:postgresql://127.0.0.1:")
                .doesNotContain("secret").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableTemporalAndABadWarehouseAreReported() {
        DatabaseConfig db = TestDatabase.createDatabase("cli");
        Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", url(db), "POSTGRES_USER", "postgres",
                "TEMPORAL_ADDRESS", "127.0.0.1:" + Ports.free()));
        Outcome api = run(env, "api");
        assertThat(api.exitCode()).isEqualTo(2);
        assertThat(api.err()).contains("Temporal is not reachable at 127.0.0.1:");

        env.put("WAREHOUSE", "oracle");
        Outcome worker = run(env, "worker");
        assertThat(worker.exitCode()).isEqualTo(2);
        assertThat(worker.err()).contains("WAREHOUSE must be demo or bigquery, got 'oracle'");
    }

    /** With unreachable servers: the setting must be refused (exit code 2) before anything is connected to. */
    private static void assertRefusedBeforeConnecting(String command, String variable, String value, String message) {
        Outcome outcome = run(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none", "TEMPORAL_ADDRESS", "127.0.0.1:1",
                variable, value), command);
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(message);
    }

    @Test
    void aBadSchedulesSettingIsRefusedBeforeConnecting() {
        assertRefusedBeforeConnecting("api", "SCHEDULES", "sometimes", "SCHEDULES must be true or false, got 'sometimes'");
    }

    @Test
    void badWorkerSettingsAreRefusedBeforeConnecting() {
        assertRefusedBeforeConnecting("worker", "LOAD_HEARTBEAT_TIMEOUT", "0",
                "LOAD_HEARTBEAT_TIMEOUT must be between 2 and 600, got 0");
        assertRefusedBeforeConnecting("dev", "PAGE_SIZE", "ten", "PAGE_SIZE must be a whole number, got 'ten'");
        assertRefusedBeforeConnecting("api", "PAGE_SIZE", "0", "PAGE_SIZE must be between 1 and 100000, got 0");
    }

    @Test
    void badAlertSettingsAreRefusedBeforeConnectingWithoutTheUrl() {
        assertRefusedBeforeConnecting("worker", "ALERT_WEBHOOK_URL", "ftp://hooks.example.com/t0ken-9f2",
                "ALERT_WEBHOOK_URL entry 1 must be an http or https URL");
        assertThat(run(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none", "TEMPORAL_ADDRESS", "127.0.0.1:1",
                "ALERT_WEBHOOK_URL", "ftp://hooks.example.com/t0ken-9f2"), "worker").err()).doesNotContain("t0ken-9f2");
        assertRefusedBeforeConnecting("worker", "ALERT_REMINDER", "sometimes",
                "ALERT_REMINDER must be a duration like 6h, 30m, 2d or PT6H, got 'sometimes'");
    }

    @Test
    void dbMigrateInfoAndValidate() {
        DatabaseConfig db = TestDatabase.createDatabase("clidb");
        Map<String, String> env = Map.of("DATABASE_URL", url(db), "POSTGRES_USER", "postgres");

        Outcome migrate = run(env, "db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("applied 7 migration(s); schema version 8");

        Outcome info = run(env, "db", "info");
        assertThat(info.out()).contains("dashboard tables").contains("schedule firings").contains("Success");

        Outcome validate = run(env, "db", "validate");
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).contains("migrations valid");
    }

    @Test
    void bigqueryCheckWithoutAProjectSaysWhatToSet() {
        Outcome outcome = run(Map.of(), "bigquery", "check");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("pulso bigquery check: BIGQUERY_PROJECT_ID is not set");
    }

    @Test
    void aBigQueryWorkerWithAnUnreadableKeyFileFailsAtStart() {
        DatabaseConfig db = TestDatabase.createDatabase("clibq");
        Outcome worker = run(Map.of("DATABASE_URL", url(db), "POSTGRES_USER", "postgres", "TEMPORAL_ADDRESS", "127.0.0.1:7233",
                "WAREHOUSE", "bigquery", "BIGQUERY_PROJECT_ID", "mibot-222814",
                "GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/pulso-key.json"), "worker");
        assertThat(worker.exitCode()).isEqualTo(2);
        assertThat(worker.err()).contains("GOOGLE_APPLICATION_CREDENTIALS points to /nonexistent/pulso-key.json")
                .doesNotContain("\tat ");
    }

    @Test
    void bigqueryCheckDryRunsEveryTableAndPrintsTheBytes() throws Exception {
        try (FakeBigQuery fake = new FakeBigQuery()) {
            fake.dryRunBytes(3L * 1024 * 1024 * 1024);
            Outcome outcome = run(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814", "BIGQUERY_EMULATOR_HOST", fake.url()),
                    "bigquery", "check");

            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out()).contains("dashboard_data     ok      3.0 GiB (3221225472 bytes)")
                    .contains("productivity_data  ok").contains("5 of 5 tables valid");
            assertThat(fake.requests("POST", ".*/jobs")).hasSize(5)
                    .allMatch(r -> r.json().path("configuration").path("dryRun").asBoolean());
        }
    }
}
