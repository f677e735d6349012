package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.WarehouseException;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Column;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Result;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The warehouse with the real BigQuery client against the local fake endpoint. */
class BigQueryWarehouseTest {

    private static final TableDefinition DASHBOARD = TableCatalog.pulso().require("dashboard_data");
    private static final String RUN = "7f0c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6";

    private FakeBigQuery fake;
    private BigQueryWarehouse warehouse;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBigQuery();
        warehouse = FakeBigQueryWarehouses.warehouse(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Five rows of every scalar type, with NULLs, a NUMERIC beyond double precision and timestamps in both notations. */
    private static Result everyType() {
        List<Column> columns = List.of(new Column("fecha_foto", "DATE"), new Column("n", "INTEGER"), new Column("f", "FLOAT"),
                new Column("amount", "NUMERIC"), new Column("big", "BIGNUMERIC"), new Column("flag", "BOOLEAN"),
                new Column("name", "STRING"), new Column("at", "TIMESTAMP"), new Column("local", "DATETIME"));
        List<List<String>> rows = List.of(
                Arrays.asList("2026-11-01", "9007199254740993", "1.5", "12345678901234567890.123456789", "1.5", "true", "uno",
                        "1764201600.123456", "2026-11-27T10:15:30"),
                Arrays.asList("2026-11-02", "-2", "-0.25", "1234.5", "98765432109876543210987654321.0123456789", "false", "dos",
                        "1.7642016E9", "2026-11-27T10:15:30.250"),
                Arrays.asList("2026-11-03", null, null, null, null, null, null, null, null),
                Arrays.asList("2026-11-05", "4", "NaN", "0", "0", "true", "", "0", "2026-01-01T00:00:00"),
                Arrays.asList("2026-11-04", "5", "1e10", "-0.000000001", "1", "false", "ñandú \t tab", "-1.5", "1999-12-31T23:59:59"));
        return new Result(columns, rows);
    }

    @Test
    void readsEveryPageByTokenAndMapsTypesWithoutLosingPrecision() {
        fake.result("dashboard_data", everyType());
        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);

        List<Page> pages = new ArrayList<>();
        String token = null;
        do {
            Page page = warehouse.readPage(handle, token, 2);
            pages.add(page);
            token = page.nextPageToken();
        } while (token != null);

        assertThat(pages).extracting(p -> p.rows().size()).containsExactly(2, 2, 1);
        assertThat(pages.get(0).columns()).containsExactly("fecha_foto", "n", "f", "amount", "big", "flag", "name", "at", "local");
        List<Object[]> rows = pages.stream().flatMap(p -> p.rows().stream()).toList();
        assertThat(rows.get(0)).containsExactly(LocalDate.of(2026, 11, 1), 9007199254740993L, 1.5,
                new BigDecimal("12345678901234567890.123456789"), new BigDecimal("1.5"), true, "uno",
                Instant.parse("2025-11-27T00:00:00.123456Z"), LocalDateTime.of(2026, 11, 27, 10, 15, 30));
        assertThat((BigDecimal) rows.get(1)[4]).isEqualByComparingTo("98765432109876543210987654321.0123456789");
        assertThat(rows.get(1)[7]).isEqualTo(Instant.parse("2025-11-27T00:00:00Z"));
        assertThat(rows.get(1)[8]).isEqualTo(LocalDateTime.of(2026, 11, 27, 10, 15, 30, 250_000_000));
        assertThat(rows.get(2)).containsExactly(LocalDate.of(2026, 11, 3), null, null, null, null, null, null, null, null);
        assertThat((Double) rows.get(3)[2]).isNaN();
        assertThat(rows.get(3)[6]).isEqualTo("");
        assertThat(rows.get(4)[3]).isEqualTo(new BigDecimal("-0.000000001"));
        assertThat(rows.get(4)[6]).isEqualTo("ñandú \t tab");
        assertThat(rows.get(4)[7]).isEqualTo(Instant.parse("1969-12-31T23:59:58.500Z"));

        // The page size goes with every call, and later pages carry the previous page's token.
        List<FakeBigQuery.Request> lists = fake.requests("GET", ".*/tables/anon_1/data");
        assertThat(lists).extracting(r -> r.query().get("maxResults")).containsExactly("2", "2", "2");
        assertThat(lists).extracting(r -> r.query().get("pageToken")).containsExactly(null, "row-2", "row-4");
    }

    @Test
    void theWatermarkAndRowCountComeFromTheResultTable() {
        fake.result("dashboard_data", everyType());

        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, new ExtractionWindow(LocalDate.of(2026, 11, 1), null), RUN);

        assertThat(handle.maxIncremental()).isEqualTo(LocalDate.of(2026, 11, 5));
        assertThat(handle.totalRows()).isEqualTo(5);
        assertThat(handle.resultId()).isEqualTo(FakeBigQuery.PROJECT + "._fake_results.anon_1");
        String summarySql = insertedQueries().get(1).path("configuration").path("query").path("query").asText();
        assertThat(summarySql).contains("MAX(`fecha_foto`)").contains("FROM `" + handle.resultId() + "`");
    }

    @Test
    void sendsTheWindowAsTypedNamedParametersWithLabelsAndTheByteCap() {
        fake.result("dashboard_data", everyType());

        warehouse.runExtraction(DASHBOARD, new ExtractionWindow(LocalDate.of(2026, 10, 25), null), RUN);

        JsonNode configuration = insertedQueries().get(0).path("configuration");
        JsonNode query = configuration.path("query");
        assertThat(query.path("useLegacySql").asBoolean(true)).isFalse();
        // The client leaves parameterMode out; BigQuery takes @names as named parameters. Order is not significant.
        Map<String, JsonNode> parameters = new HashMap<>();
        query.path("queryParameters").forEach(p -> parameters.put(p.path("name").asText(), p));
        assertThat(parameters).containsOnlyKeys("window_from", "window_to");
        assertThat(parameters.get("window_from").path("parameterType").path("type").asText()).isEqualTo("DATE");
        assertThat(parameters.get("window_from").path("parameterValue").path("value").asText()).isEqualTo("2026-10-25");
        assertThat(parameters.get("window_to").path("parameterType").path("type").asText()).isEqualTo("DATE");
        assertThat(parameters.get("window_to").path("parameterValue").has("value")).as("open bound is a typed NULL").isFalse();

        String sql = query.path("query").asText();
        assertThat(sql).contains("@window_from").contains("@window_to")
                .contains("`" + FakeBigQuery.PROJECT + ".BI_USA." + FakeBigQueryWarehouses.VIEW_PREFIX + "dashboard_cobranzas`")
                .doesNotContain("2026-10-25").doesNotContainPattern("'\\d{4}-\\d{2}-\\d{2}'").doesNotContain("{");
        assertThat(query.path("maximumBytesBilled").asText()).isEqualTo("5000000000");
        assertThat(configuration.path("labels").path("table").asText()).isEqualTo("dashboard_data");
        assertThat(configuration.path("labels").path("run_id").asText()).isEqualTo(RUN);
        assertThat(insertedQueries().get(0).path("jobReference").path("location").asText()).isEqualTo("US");
    }

    /** Why QueryJobs looks a job id up before inserting: the client hides the 409 of a taken id. */
    @Test
    void theClientAnswersATakenJobIdWithTheExistingJobStrippedOfItsStatus() {
        fake.result("dashboard_data", everyType());
        fake.failJob("dashboard_data", "backendError", "Error encountered during execution. Retrying may solve the problem.");
        fake.pollsBeforeDone(0);
        BigQuery client = FakeBigQueryWarehouses.client(fake, FakeBigQuery.DEFAULT_IDENTITY);
        JobId id = JobId.newBuilder().setProject(FakeBigQuery.PROJECT).setLocation("US").setJob("pulso_taken_1").build();
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder("SELECT 1")
                .setLabels(Map.of("table", "dashboard_data", "purpose", "extract")).build();
        client.create(JobInfo.of(id, query));
        assertThat(client.getJob(id).getStatus().getError().getReason()).as("the job failed").isEqualTo("backendError");

        Job again = client.create(JobInfo.of(id, query));

        assertThat(again.getJobId().getJob()).isEqualTo("pulso_taken_1");
        assertThat(again.getStatus()).as("no status: a failed job looks like a fresh one").isNull();
        assertThat(fake.requests("POST", ".*/jobs")).hasSize(2);
        assertThat(fake.requests("GET", ".*/jobs/pulso_taken_1")).last()
                .satisfies(r -> assertThat(r.query().get("fields")).isEqualTo("jobReference,configuration,statistics"));
        assertThat(fake.jobIds()).containsExactly("pulso_taken_1");
    }

    @Test
    void aRepeatedExtractionOfTheSameRunFindsItsJobInsteadOfRunningItAgain() {
        fake.result("dashboard_data", everyType());

        ExtractionHandle first = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);
        ExtractionHandle again = FakeBigQueryWarehouses.warehouse(fake).runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);

        assertThat(again).isEqualTo(first);
        // Billed once: the retry finds both DONE jobs by id and inserts nothing.
        assertThat(fake.jobIds()).containsExactlyInAnyOrder(
                "pulso_dashboard_data_extract_" + RUN + "_1", "pulso_dashboard_data_watermark_" + RUN + "_1");
        assertThat(insertedQueries()).extracting(j -> j.path("jobReference").path("jobId").asText())
                .containsExactly("pulso_dashboard_data_extract_" + RUN + "_1", "pulso_dashboard_data_watermark_" + RUN + "_1");
    }

    @Test
    void aRetryWhileTheJobStillRunsWaitsForThatJobAndBillsItOnce() {
        fake.result("dashboard_data", everyType());
        fake.pollsBeforeDone(8);
        assertThatThrownBy(() -> FakeBigQueryWarehouses.warehouse(fake, Duration.ofMillis(30))
                .runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN))
                .isInstanceOfSatisfying(WarehouseException.class, e -> assertThat(e.reason()).isEqualTo("timeout"));

        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);

        assertThat(handle.totalRows()).isEqualTo(5);
        assertThat(fake.jobIds()).containsExactlyInAnyOrder(
                "pulso_dashboard_data_extract_" + RUN + "_1", "pulso_dashboard_data_watermark_" + RUN + "_1");
        assertThat(insertedQueries()).extracting(j -> j.path("jobReference").path("jobId").asText())
                .as("the running job is not inserted again").containsExactly(
                        "pulso_dashboard_data_extract_" + RUN + "_1", "pulso_dashboard_data_watermark_" + RUN + "_1");
    }

    @Test
    void aLostInsertAnswerIsAdoptedByTheClientAndTheJobRunsOnce() {
        fake.result("dashboard_data", everyType());
        fake.loseInsertAnswers(1);

        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);

        assertThat(handle.totalRows()).isEqualTo(5);
        String extract = "pulso_dashboard_data_extract_" + RUN + "_1";
        assertThat(fake.jobIds()).containsExactlyInAnyOrder(extract, "pulso_dashboard_data_watermark_" + RUN + "_1");
        // The client re-sent the insert, got 409 and read the taken job itself, without its status.
        assertThat(insertedQueries()).extracting(j -> j.path("jobReference").path("jobId").asText())
                .containsSubsequence(extract, extract);
        assertThat(fake.requests("GET", ".*/jobs/" + extract)).extracting(r -> r.query().get("fields"))
                .contains("jobReference,configuration,statistics");
    }

    @Test
    void waitsForARunningJobAndHeartbeatsMeanwhile() {
        fake.result("dashboard_data", everyType());
        fake.pollsBeforeDone(3);
        List<String> beats = new CopyOnWriteArrayList<>();

        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN, beats::add);

        assertThat(handle.totalRows()).isEqualTo(5);
        assertThat(beats).hasSizeGreaterThanOrEqualTo(6).allMatch(b -> b.contains("RUNNING"));
        // One look-up before the insert (not found), then three RUNNING polls and the DONE one.
        assertThat(fake.requests("GET", ".*/jobs/pulso_dashboard_data_extract_.*")).hasSize(5);
    }

    @Test
    void aPageReadOnAWorkerThatDidNotExtractReadsTheResultSchemaOnce() {
        fake.result("dashboard_data", everyType());
        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);

        BigQueryWarehouse other = FakeBigQueryWarehouses.warehouse(fake);
        Page first = other.readPage(handle, null, 3);
        Page second = other.readPage(handle, first.nextPageToken(), 3);

        assertThat(first.rows().size() + second.rows().size()).isEqualTo(5);
        assertThat(second.isLast()).isTrue();
        assertThat(fake.requests("GET", ".*/datasets/_fake_results/tables/anon_1")).hasSize(1);
    }

    @Test
    void aWorkerRunningAsAnotherIdentityIsToldThatEveryWorkerMustRunAsTheSameOne() {
        fake.result("dashboard_data", everyType());
        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);
        BigQueryWarehouse stranger = FakeBigQueryWarehouses.warehouse(fake, Duration.ofSeconds(30),
                "other-worker@fake-project.iam.gserviceaccount.com");

        assertThatThrownBy(() -> stranger.readPage(handle, null, 2)).isInstanceOfSatisfying(WarehouseException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo("accessDenied");
            assertThat(e.getMessage()).contains("HTTP 403").contains("result table " + handle.resultId())
                    .contains("readable only by the identity that ran the query job")
                    .contains("every worker must run as the same identity").contains("GOOGLE_APPLICATION_CREDENTIALS");
        });
        // A retried extraction on that worker meets the same wall at the job itself.
        assertThatThrownBy(() -> stranger.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN))
                .isInstanceOfSatisfying(WarehouseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("accessDenied");
                    assertThat(e.getMessage()).contains("job pulso_dashboard_data_extract_" + RUN + "_1 is readable only")
                            .contains("every worker must run as the same identity");
                });
        // A worker with the same identity as the one that extracted reads on.
        assertThat(FakeBigQueryWarehouses.warehouse(fake).readPage(handle, null, 2).rows()).hasSize(2);
    }

    @Test
    void classifiesFailuresByReason() {
        fake.result("dashboard_data", everyType());
        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);
        fake.failPageAt(0, 503, "backendError", "The service is currently unavailable.", 1);
        fake.failPageAt(2, 403, "rateLimitExceeded", "Exceeded rate limits: too many api requests per user", 1);
        fake.failPageAt(4, 404, "notFound", "Not found: Table fake-project:_fake_results.anon_1", 1);

        assertThatThrownBy(() -> warehouse.readPage(handle, null, 2)).isInstanceOfSatisfying(WarehouseException.class,
                e -> assertThat(e.retryable() ? e.reason() : "permanent").isEqualTo("backendError"));
        assertThatThrownBy(() -> warehouse.readPage(handle, "row-2", 2)).isInstanceOfSatisfying(WarehouseException.class,
                e -> assertThat(e.retryable() ? e.reason() : "permanent").isEqualTo("rateLimitExceeded"));
        assertThatThrownBy(() -> warehouse.readPage(handle, "row-4", 2)).isInstanceOfSatisfying(WarehouseException.class,
                e -> assertThat(e.retryable() ? "retryable" : e.reason()).isEqualTo("notFound"));
        assertThat(warehouse.readPage(handle, "row-4", 2).rows()).hasSize(1);
    }

    @Test
    void aJobThatFailsWithInvalidQueryIsPermanentAndNamesTheReason() {
        fake.result("dashboard_data", everyType());
        fake.failJob("dashboard_data", "invalidQuery", "Unrecognized name: fecha_fot at [2:8]");

        assertThatThrownBy(() -> warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN))
                .isInstanceOfSatisfying(WarehouseException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.reason()).isEqualTo("invalidQuery");
                    assertThat(e.getMessage()).contains("Unrecognized name: fecha_fot");
                });
    }

    @Test
    void aJobThatFailedTransientlyIsRunAgainUnderTheNextIdByTheRetry() {
        fake.result("dashboard_data", everyType());
        fake.failNextJob("dashboard_data", "backendError", "Error encountered during execution. Retrying may solve the problem.");

        assertThatThrownBy(() -> warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN))
                .isInstanceOfSatisfying(WarehouseException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.reason()).isEqualTo("backendError");
                });
        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN);

        assertThat(handle.totalRows()).isEqualTo(5);
        String first = "pulso_dashboard_data_extract_" + RUN + "_1";
        String second = "pulso_dashboard_data_extract_" + RUN + "_2";
        assertThat(fake.jobIds()).containsExactlyInAnyOrder(first, second, "pulso_dashboard_data_watermark_" + RUN + "_1");
        assertThat(insertedQueries()).extracting(j -> j.path("jobReference").path("jobId").asText())
                .as("the failed job is never inserted again").containsExactly(first, second,
                        "pulso_dashboard_data_watermark_" + RUN + "_1");
        assertThat(handle.resultId()).as("the result of the second job").isEqualTo(FakeBigQuery.PROJECT + "._fake_results.anon_2");
    }

    @Test
    void aJobStillRunningAtTheTimeoutIsRetryableAndTheRetryWaitsForTheSameJob() {
        fake.result("dashboard_data", everyType());
        fake.pollsBeforeDone(1_000);
        BigQueryWarehouse impatient = FakeBigQueryWarehouses.warehouse(fake, Duration.ofMillis(100));

        assertThatThrownBy(() -> impatient.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN))
                .isInstanceOfSatisfying(WarehouseException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.reason()).isEqualTo("timeout");
                    assertThat(e.getMessage()).contains("RUNNING").contains("BIGQUERY_JOB_TIMEOUT");
                });
        assertThat(fake.jobIds()).containsExactly("pulso_dashboard_data_extract_" + RUN + "_1");
    }

    @Test
    void aResultColumnOfAnUnsupportedTypeIsRejectedByName() {
        fake.result("dashboard_data", new Result(List.of(new Column("fecha_foto", "DATE"), new Column("blob", "BYTES")),
                List.of(Arrays.asList("2026-11-01", "AAE="))));

        assertThatThrownBy(() -> warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), RUN))
                .isInstanceOfSatisfying(WarehouseException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("blob").contains("BYTES");
                });
    }

    @Test
    void aDryRunReportsTheBytesTheQueryWouldScan() {
        fake.dryRunBytes(987_654_321L);

        DryRunResult result = warehouse.dryRun(TableCatalog.pulso().require("operation_data"));

        assertThat(result).isEqualTo(new DryRunResult("operation_data", 987_654_321L));
        JsonNode configuration = insertedQueries().get(0).path("configuration");
        assertThat(configuration.path("dryRun").asBoolean()).isTrue();
        assertThat(configuration.path("query").path("query").asText()).contains("gestiones_unificadas");
        assertThat(fake.jobIds()).as("a dry run creates no job").isEmpty();
    }

    private List<JsonNode> insertedQueries() {
        return fake.requests("POST", ".*/projects/[^/]+/jobs").stream().map(FakeBigQuery.Request::json).toList();
    }

}
