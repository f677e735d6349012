package io.pulso.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pulso.app.PulsoCli;
import io.pulso.app.embedded.Ports;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.config.Env;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** dev with ports of its own (never the lead's fixed ones), bounded in time should it start instead of refusing. */
    private static Outcome dev(Map<String, String> env, Path dataDir, String... options) {
        List<String> args = new ArrayList<>(List.of("dev", "--data-dir", dataDir.toString(), "--port", "0", "--pg-port", "0",
                "--temporal-port", "0"));
        args.addAll(List.of(options));
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(env, args.toArray(String[]::new)));
    }

    @Test
    void devRefusesAWarehouseItCannotHonourInOneLine(@TempDir Path dir) {
        Outcome fromEnv = dev(Map.of("WAREHOUSE", "oracle"), dir);
        assertThat(fromEnv.exitCode()).as(fromEnv.err()).isEqualTo(2);
        assertThat(fromEnv.err()).isEqualTo("pulso dev: WAREHOUSE must be demo or bigquery, got 'oracle'" + System.lineSeparator());

        Outcome fromOption = dev(Map.of("WAREHOUSE", "demo"), dir, "--warehouse", "snowflake");
        assertThat(fromOption.exitCode()).isEqualTo(2);
        assertThat(fromOption.err()).contains("--warehouse must be demo or bigquery, got 'snowflake'");
    }

    @Test
    void devOnBigQueryValidatesTheBigQuerySettingsBeforeStarting(@TempDir Path dir) throws IOException {
        Outcome noProject = dev(Map.of(), dir, "--warehouse", "bigquery");
        assertThat(noProject.exitCode()).as(noProject.err()).isEqualTo(2);
        assertThat(noProject.err()).startsWith("pulso dev: BIGQUERY_PROJECT_ID is not set");

        Path truncated = Files.writeString(dir.resolve("key.json"), "{\n  \"type\": \"service_account\",\n"
                + "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        Outcome badKey = dev(Map.of("WAREHOUSE", "bigquery", "BIGQUERY_PROJECT_ID", "mibot-222814",
                "GOOGLE_APPLICATION_CREDENTIALS", truncated.toString()), dir);
        assertThat(badKey.exitCode()).as(badKey.err()).isEqualTo(2);
        assertThat(badKey.err()).contains("GOOGLE_APPLICATION_CREDENTIALS file " + truncated
                + " is not a valid Google credentials JSON");
        assertThat(badKey.err().lines()).as("one line").hasSize(1);
    }

    @Test
    void devReadsBigQueryWhenAskedByOptionOrEnvironmentAndTheDemoOtherwise() throws Exception {
        try (FakeBigQuery fake = new FakeBigQuery()) {
            Map<String, String> bigquery = Map.of("BIGQUERY_PROJECT_ID", "mibot-222814", "BIGQUERY_EMULATOR_HOST", fake.url());

            Warehouse byOption = DevCommand.source("bigquery", new Env(bigquery));
            assertThat(byOption).isInstanceOfSatisfying(BigQueryWarehouse.class,
                    w -> assertThat(w.config().host()).isEqualTo(fake.url()));
            Map<String, String> byEnvironment = new HashMap<>(bigquery);
            byEnvironment.put("WAREHOUSE", "bigquery");
            Warehouse fromEnv = DevCommand.source(null, new Env(byEnvironment));
            assertThat(fromEnv).isInstanceOf(BigQueryWarehouse.class);
            // It is the fake that answers.
            ((BigQueryWarehouse) fromEnv).dryRun(TableCatalog.pulso().require("dashboard_data"));
            assertThat(fake.requests("POST", ".*/projects/mibot-222814/jobs")).hasSize(1);

            assertThat(DevCommand.source(null, new Env(bigquery))).as("no choice: the embedded demo").isNull();
            assertThat(DevCommand.source("demo", new Env(byEnvironment))).as("the option wins").isNull();
        }
    }

    @Test
    void aTruncatedKeyFileIsOneLineForBigQueryCheckToo(@TempDir Path dir) throws IOException {
        Path truncated = Files.writeString(dir.resolve("key.json"), "{\"type\": \"service_account\", \"private_key\": \"---");
        Outcome outcome = run(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814", "GOOGLE_APPLICATION_CREDENTIALS",
                truncated.toString()), "bigquery", "check");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().lines()).as(outcome.err()).hasSize(1)
                .allMatch(l -> l.startsWith("pulso bigquery check: GOOGLE_APPLICATION_CREDENTIALS file " + truncated));
    }

    @Test
    void badDatabaseTimeoutsAreRefusedBeforeConnecting() {
        assertRefusedBeforeConnecting("api", "API_DB_STATEMENT_TIMEOUT", "5s", "API_DB_STATEMENT_TIMEOUT (5 s) must be below "
                + "API_DB_SOCKET_TIMEOUT (2 s), so the server cancels a slow statement before the driver drops the connection");
        assertRefusedBeforeConnecting("api", "API_DB_SOCKET_TIMEOUT", "2500ms",
                "API_DB_SOCKET_TIMEOUT must be whole seconds (the driver's unit), got 2500 ms");
        assertRefusedBeforeConnecting("worker", "WORKER_DB_LOCK_TIMEOUT", "soon",
                "WORKER_DB_LOCK_TIMEOUT must be a whole number with a unit (ms, s or m; none = seconds), got 'soon'");
        assertRefusedBeforeConnecting("worker", "LOAD_HEARTBEAT_TIMEOUT", "60", "WORKER_DB_SOCKET_TIMEOUT (90 s) must be "
                + "below LOAD_HEARTBEAT_TIMEOUT (60 s): a stalled database must fail the attempt before Temporal stops "
                + "waiting for its heartbeat");
        assertRefusedBeforeConnecting("api", "MAX_BACKFILL_DAYS", "３", "MAX_BACKFILL_DAYS must be a whole number, got '３'");
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
        assertThat(migrate.out()).contains("applied 7 migration(s); schema version 7");

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
