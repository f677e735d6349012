package io.pulso.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigRoutesTest {

    private static ApiTestFixture fixture;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listsEveryCatalogTableWithItsSettings() {
        ApiResponse response = fixture.api.get("/api/v1/etl/config/tables");

        assertThat(response.status()).isEqualTo(200);
        JsonNode tables = response.json().path("tables");
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactly("dashboard_data", "evolution_data", "assignment_data", "operation_data",
                "productivity_data");

        JsonNode dashboard = tables.get(0);
        assertThat(dashboard.path("group").asText()).isEqualTo("dashboard");
        assertThat(dashboard.path("keyColumns").toString()).isEqualTo("[\"fecha_foto\",\"archivo\",\"cartera\",\"servicio\"]");
        assertThat(dashboard.path("incrementalColumn").asText()).isEqualTo("fecha_foto");
        assertThat(dashboard.path("windowColumn").asText()).isEqualTo("fecha_foto");
        assertThat(dashboard.path("lookbackDays").asInt()).isEqualTo(7);
        assertThat(dashboard.path("pageSize").asInt()).isEqualTo(10_000);
        assertThat(dashboard.path("refreshInterval").asText()).isEqualTo("PT6H");
        assertThat(dashboard.path("refreshIntervalSeconds").asLong()).isEqualTo(21_600);
        assertThat(dashboard.path("deleteVanished").asBoolean()).isTrue();
        assertThat(dashboard.path("minExpectedRows").asLong()).isEqualTo(1);

        JsonNode assignment = tables.get(2);
        assertThat(assignment.path("group").isNull()).isTrue();
        assertThat(assignment.path("windowColumn").asText()).isEqualTo("periodo");
        assertThat(assignment.path("windowUnit").asText()).isEqualTo("month");
        assertThat(assignment.path("deleteVanished").asBoolean()).as("a full refresh deletes what the source lost")
                .isTrue();
        assertThat(assignment.path("maxDeletionShare").asDouble()).isEqualTo(0.10);
        assertThat(assignment.path("deletionFloorRows").asLong()).isEqualTo(25);
        assertThat(assignment.path("refreshIntervalSeconds").asLong()).isEqualTo(86_400);
    }

    @Test
    void describesEachExtractionMode() {
        ApiResponse response = fixture.api.get("/api/v1/etl/config/extraction-modes");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("defaultMode").asText()).isEqualTo("incremental");
        JsonNode modes = body.path("modes");
        assertThat(modes).hasSize(4);
        List<String> names = new ArrayList<>();
        modes.forEach(m -> names.add(m.path("mode").asText()));
        assertThat(names).containsExactly("incremental", "full_refresh", "sliding_window", "backfill");

        JsonNode full = modes.get(1);
        assertThat(full.path("movesWatermark").asBoolean()).isTrue();
        assertThat(full.path("parameters")).isEmpty();
        assertThat(full.path("howToRequest").asText()).contains("force");
        JsonNode sliding = modes.get(2);
        assertThat(sliding.path("parameters")).hasSize(1);
        assertThat(sliding.path("parameters").get(0).path("name").asText()).isEqualTo("days");
        assertThat(sliding.path("parameters").get(0).path("required").asBoolean()).isFalse();
        JsonNode backfill = modes.get(3);
        assertThat(backfill.path("movesWatermark").asBoolean()).isFalse();
        assertThat(backfill.path("description").asText()).contains("leaves the watermark untouched");
        assertThat(backfill.path("parameters")).hasSize(2)
                .allSatisfy(p -> assertThat(p.path("required").asBoolean()).isTrue());
    }
}
