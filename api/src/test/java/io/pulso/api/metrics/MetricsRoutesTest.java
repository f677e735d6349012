package io.pulso.api.metrics;

import static io.pulso.api.testing.ApiTestFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.api.testing.Unreachable;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from the api: per-table freshness read from the database (right after a restart too), the
 * stale threshold, the latest finished run's status, and the request counter the 5xx alert uses.
 */
class MetricsRoutesTest extends ApiRouteTest {

    private static final RowCounts COUNTS = new RowCounts(10, 4, 3, 3, 0, 0);

    /** The value of one sample, e.g. {@code pulso_table_last_success_age_seconds{table="operation_data"}}. */
    private static String sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in the scrape", series).isTrue();
        return m.group(1);
    }

    private static String scrape(ApiClient client) {
        ApiResponse response = client.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void freshnessComesFromTheDatabaseAndSurvivesARestart() {
        // operation_data succeeded 3 h ago, then failed 1 h ago, and a new attempt is running now.
        fixture.log.finished("ok-1", "operation_data", RefreshMode.INCREMENTAL, RunStatus.SUCCEEDED,
                NOW.minus(Duration.ofHours(3)).minusSeconds(60), Duration.ofSeconds(60), COUNTS, null);
        fixture.log.watermark("operation_data", "ok-1", RunStatus.SUCCEEDED, LocalDate.of(2026, 2, 28),
                NOW.minus(Duration.ofHours(3)).minusSeconds(60), NOW.minus(Duration.ofHours(3)), null);
        fixture.log.finished("bad-2", "operation_data", RefreshMode.INCREMENTAL, RunStatus.FAILED,
                NOW.minus(Duration.ofHours(1)), Duration.ofSeconds(30), RowCounts.ZERO, "warehouse query failed");
        fixture.log.watermark("operation_data", "bad-2", RunStatus.FAILED, null, NOW.minus(Duration.ofHours(1)),
                NOW.minus(Duration.ofHours(1)).plusSeconds(30), "warehouse query failed");
        fixture.log.running("run-3", "operation_data", NOW.minusSeconds(10));
        fixture.log.watermark("operation_data", "run-3", RunStatus.RUNNING, null, NOW.minusSeconds(10), null, null);
        // dashboard_data never succeeded; its only run was held by the deletion guard.
        fixture.log.finished("held-1", "dashboard_data", RefreshMode.FULL_REFRESH, RunStatus.HELD,
                NOW.minus(Duration.ofMinutes(20)), Duration.ofMinutes(5), COUNTS, "held: would delete 40 % of the window");

        String scrape = scrape(api);

        assertThat(sample(scrape, "pulso_table_last_success_age_seconds{table=\"operation_data\"}")).isEqualTo("10800.0");
        assertThat(sample(scrape, "pulso_table_stale_threshold_seconds{table=\"operation_data\"}")).isEqualTo("14400.0");
        assertThat(sample(scrape, "pulso_table_stale_threshold_seconds{table=\"assignment_data\"}")).isEqualTo("172800.0");
        assertThat(sample(scrape, "pulso_table_last_finished_run{status=\"failed\",table=\"operation_data\"}"))
                .as("the running attempt does not clear the failure").isEqualTo("1.0");
        assertThat(sample(scrape, "pulso_table_last_finished_run{status=\"succeeded\",table=\"operation_data\"}")).isEqualTo("0.0");
        assertThat(sample(scrape, "pulso_table_last_finished_run{status=\"held\",table=\"dashboard_data\"}")).isEqualTo("1.0");
        assertThat(sample(scrape, "pulso_table_last_success_age_seconds{table=\"dashboard_data\"}"))
                .as("never succeeded: no value").isEqualTo("NaN");
        assertThat(sample(scrape, "pulso_table_last_finished_run{status=\"failed\",table=\"productivity_data\"}"))
                .as("no run at all").isEqualTo("0.0");
        assertThat(scrape).doesNotContain("status=\"running\"");

        // A restarted api (a fresh registry, nothing in memory) reports the same from the database.
        ApiClient restarted = fixture.serve(fixture.deps().metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build());
        String again = scrape(restarted);
        assertThat(sample(again, "pulso_table_last_success_age_seconds{table=\"operation_data\"}")).isEqualTo("10800.0");
        assertThat(sample(again, "pulso_table_last_finished_run{status=\"failed\",table=\"operation_data\"}")).isEqualTo("1.0");

        // The next success clears the failure and resets the age.
        fixture.log.finished("run-3", "operation_data", RefreshMode.INCREMENTAL, RunStatus.SUCCEEDED,
                NOW.minusSeconds(10), Duration.ofSeconds(5), COUNTS, null);
        fixture.log.watermark("operation_data", "run-3", RunStatus.SUCCEEDED, LocalDate.of(2026, 2, 28),
                NOW.minusSeconds(10), NOW.minusSeconds(5), null);
        String recovered = scrape(api);
        assertThat(sample(recovered, "pulso_table_last_success_age_seconds{table=\"operation_data\"}")).isEqualTo("5.0");
        assertThat(sample(recovered, "pulso_table_last_finished_run{status=\"failed\",table=\"operation_data\"}")).isEqualTo("0.0");
        assertThat(sample(recovered, "pulso_table_last_finished_run{status=\"succeeded\",table=\"operation_data\"}")).isEqualTo("1.0");
    }

    @Test
    void withTheDatabaseDownTheScrapeAnswersAndFreshnessHasNoValue() {
        ApiClient down = fixture.serve(fixture.deps().database(Unreachable.database()).build());

        String scrape = scrape(down);

        assertThat(sample(scrape, "pulso_table_last_success_age_seconds{table=\"operation_data\"}")).isEqualTo("NaN");
        assertThat(sample(scrape, "pulso_table_last_finished_run{status=\"failed\",table=\"operation_data\"}"))
                .as("an outage claims neither a failure nor a success").isEqualTo("NaN");
        assertThat(sample(scrape, "pulso_table_stale_threshold_seconds{table=\"operation_data\"}")).isEqualTo("14400.0");
        assertThat(scrape).doesNotContain(Unreachable.PASSWORD);
    }

    @Test
    void requestsAreCountedByRouteTemplateAndStatus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ApiClient client = fixture.serve(fixture.deps().metrics(registry).build());
        ApiClient down = fixture.serve(fixture.deps().database(Unreachable.database()).metrics(registry).build());

        assertThat(client.get("/api/v1/etl/runs/no-such-run").status()).isEqualTo(404);
        assertThat(client.get("/api/v1/etl/runs/another-run").status()).isEqualTo(404);
        assertThat(client.get("/api/v1/etl/config/tables").status()).isEqualTo(200);
        assertThat(client.get("/no/such/path").status()).isEqualTo(404);
        int outage = down.get("/api/v1/etl/runs").status();
        assertThat(outage).isBetween(500, 599);

        String scrape = scrape(client);
        assertThat(sample(scrape, "pulso_api_requests_total{method=\"GET\",route=\"/api/v1/etl/runs/{runId}\",status=\"404\"}"))
                .as("ids are not labels: both requests share the template").isEqualTo("2.0");
        assertThat(sample(scrape, "pulso_api_requests_total{method=\"GET\",route=\"/api/v1/etl/config/tables\",status=\"200\"}"))
                .isEqualTo("1.0");
        assertThat(sample(scrape, "pulso_api_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}")).isEqualTo("1.0");
        assertThat(sample(scrape, "pulso_api_requests_total{method=\"GET\",route=\"/api/v1/etl/runs\",status=\"" + outage + "\"}"))
                .isEqualTo("1.0");
        assertThat(scrape).doesNotContain("no-such-run").doesNotContain("/no/such/path");
    }
}
