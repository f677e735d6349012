package io.pulso.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import io.pulso.api.testing.Unreachable;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    private static ApiTestFixture fixture;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void reset() {
        fixture.reset();
    }

    @Test
    void healthyWhenEverythingIsUpAtBothPaths() {
        for (String path : new String[] {"/health", "/api/v1/etl/health"}) {
            ApiResponse response = fixture.api.get(path);

            assertThat(response.status()).as(path).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("status").asText()).isEqualTo("healthy");
            assertThat(body.path("checks").path("database").asText()).isEqualTo("up");
            assertThat(body.path("checks").path("temporal").asText()).isEqualTo("up");
            assertThat(body.path("successRate").isNull()).as("no finished runs yet").isTrue();
            assertThat(body.path("sampledRuns").asInt()).isZero();
            assertThat(body.path("reasons")).isEmpty();
        }
    }

    @Test
    void theSuccessRateCoversTheLastFiftyFinishedRuns() {
        // Five old failures, then fifty successes, then one run still going: the old failures fall outside.
        for (int i = 0; i < 56; i++) {
            RunStatus status = i < 5 ? RunStatus.FAILED : RunStatus.SUCCEEDED;
            if (i == 55) {
                fixture.log.running("run-" + i, "operation_data", T0.plus(Duration.ofMinutes(i)));
            } else {
                fixture.log.finished("run-" + i, "operation_data", RefreshMode.INCREMENTAL, status,
                        T0.plus(Duration.ofMinutes(i)), Duration.ofSeconds(1), RowCounts.ZERO, null);
            }
        }

        JsonNode body = fixture.api.get("/health").json();

        assertThat(body.path("status").asText()).isEqualTo("healthy");
        assertThat(body.path("successRate").asDouble()).isEqualTo(1.0);
        assertThat(body.path("sampledRuns").asInt()).isEqualTo(50);
    }

    @Test
    void degradedWhenRunsFail() {
        for (int i = 0; i < 10; i++) {
            RunStatus status = i % 5 == 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED;
            fixture.log.finished("run-" + i, "operation_data", RefreshMode.INCREMENTAL, status,
                    T0.plus(Duration.ofMinutes(i)), Duration.ofSeconds(1), RowCounts.ZERO, status == RunStatus.FAILED ? "x" : null);
        }
        fixture.log.watermark("evolution_data", "run-x", RunStatus.FAILED, null, T0, T0.plusSeconds(1), "x");

        ApiResponse response = fixture.api.get("/api/v1/etl/health");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("degraded");
        assertThat(body.path("successRate").asDouble()).isEqualTo(0.8);
        assertThat(body.path("sampledRuns").asInt()).isEqualTo(10);
        assertThat(body.path("reasons").toString())
                .contains("success rate 0.8 over the last 10 finished runs is below 0.9")
                .contains("latest run of evolution_data failed");
    }

    @Test
    void unhealthyWhenTemporalIsDown() {
        ApiClient api = fixture.serve(fixture.deps().temporalProbe(() -> false).build());

        ApiResponse response = api.get("/health");

        assertThat(response.status()).isEqualTo(503);
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("unhealthy");
        assertThat(body.path("checks").path("database").asText()).isEqualTo("up");
        assertThat(body.path("checks").path("temporal").asText()).isEqualTo("down");
        assertThat(body.path("reasons").toString()).contains("Temporal unreachable");
    }

    @Test
    void aProbeThatThrowsCountsAsDown() {
        ApiClient api = fixture.serve(fixture.deps().temporalProbe(() -> {
            throw new IllegalStateException("no route to host");
        }).build());

        ApiResponse response = api.get("/health");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("checks").path("temporal").asText()).isEqualTo("down");
    }

    @Test
    void aHangingProbeIsDownWithinTheDeadline() {
        ApiClient api = fixture.serve(fixture.deps().temporalProbe(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }).build());

        long started = System.nanoTime();
        ApiResponse response = api.get("/health");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("checks").path("temporal").asText()).isEqualTo("down");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void unhealthyWhenTheDatabaseIsUnreachable() {
        ApiClient api = fixture.serve(fixture.deps().database(Unreachable.database()).build());

        ApiResponse response = api.get("/api/v1/etl/health");

        assertThat(response.status()).isEqualTo(503);
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("unhealthy");
        assertThat(body.path("checks").path("database").asText()).isEqualTo("down");
        assertThat(body.path("checks").path("temporal").asText()).isEqualTo("up");
        assertThat(body.path("successRate").isNull()).isTrue();
        assertThat(response.body()).doesNotContain(Unreachable.PASSWORD);
    }

    @Test
    void theWatermarkOfATableOutsideTheCatalogDoesNotDegrade() {
        fixture.log.watermark("retired_table", "r", RunStatus.FAILED, LocalDate.of(2025, 1, 1), T0, T0, "gone");

        JsonNode body = fixture.api.get("/health").json();

        assertThat(body.path("status").asText()).isEqualTo("healthy");
    }
}
