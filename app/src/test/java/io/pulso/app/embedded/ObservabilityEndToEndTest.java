package io.pulso.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.app.runtime.MetricsHttpServer;
import io.pulso.core.json.Json;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stack as `pulso dev` runs it, with an API key: a refresh started with the key shows up in /metrics
 * (the project's series and the Temporal SDK's), and the worker's own metrics endpoint serves the same registry.
 */
class ObservabilityEndToEndTest {

    private static final String KEY = "e2e-key-5a0c1f9e3b7d4c21";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path folder;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, KEY, false));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(stack.apiUrl() + path));
    }

    @Test
    void aRefreshStartedWithTheKeyShowsInTheMetricsOfApiAndWorker() throws Exception {
        String path = "/api/v1/etl/refresh/table/operation_data";
        assertThat(send(to(path).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).as("no key").isEqualTo(401);

        HttpResponse<String> started = send(to(path).header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = Json.mapper().readTree(started.body()).path("runId").asText();

        awaitTrue(Duration.ofMinutes(2), "run " + runId + " succeeded", () -> {
            JsonNode run = Json.mapper().readTree(send(to("/api/v1/etl/runs/" + runId).GET()).body());
            return "succeeded".equals(run.path("status").asText());
        });
        // The SDK hands its metrics to the registry once a second.
        awaitTrue(Duration.ofSeconds(10), "Temporal SDK metrics", () -> send(to("/metrics").GET()).body().contains("temporal_"));

        HttpResponse<String> metrics = send(to("/metrics").GET());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .containsPattern("pulso_rows_loaded_total\\{outcome=\"inserted\",table=\"operation_data\"} [1-9]")
                .contains("pulso_pages_loaded_total{table=\"operation_data\"}")
                .contains("pulso_run_duration_seconds_count{status=\"succeeded\",table=\"operation_data\"} 1")
                .contains("pulso_last_success_timestamp_seconds{table=\"operation_data\"}")
                .contains("temporal_")
                .doesNotContain(KEY);

        try (MetricsHttpServer worker = MetricsHttpServer.start(0, stack.metrics().registry())) {
            HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + "/metrics")).GET());
            HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + "/")).GET());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("pulso_rows_loaded_total{outcome=\"inserted\",table=\"operation_data\"}");
            assertThat(elsewhere.statusCode()).isEqualTo(404);
        }
    }
}
