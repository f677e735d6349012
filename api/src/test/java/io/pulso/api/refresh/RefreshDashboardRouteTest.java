package io.pulso.api.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.core.refresh.RefreshMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshDashboardRouteTest extends ApiRouteTest {

    private static final String PATH = "/api/v1/etl/refresh/dashboard";

    @Test
    void withoutABodyItRefreshesTheDashboardGroup() {
        ApiResponse response = api.post(PATH);

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        assertThat(tables(body.path("started"))).containsExactly("dashboard_data", "evolution_data");
        assertThat(body.path("alreadyRunning")).isEmpty();
        assertThat(body.has("error")).isFalse();
        for (JsonNode started : body.path("started")) {
            String runId = started.path("runId").asText();
            assertThat(started.path("mode").asText()).isEqualTo("incremental");
            assertThat(started.path("statusUrl").asText()).isEqualTo("/api/v1/etl/runs/" + runId);
            assertThat(fixture.awaitReceived(runId).table()).isEqualTo(started.path("table").asText());
        }
        assertThat(fixture.starter.running("operation_data")).as("not in the dashboard group").isEmpty();
    }

    @Test
    void forceAppliesFullRefreshToEveryTable() {
        ApiResponse response = api.postJson(PATH, "{\"force\": true}");

        assertThat(response.status()).isEqualTo(202);
        for (JsonNode started : response.json().path("started")) {
            assertThat(started.path("mode").asText()).isEqualTo("full_refresh");
            assertThat(fixture.awaitReceived(started.path("runId").asText()).mode()).isEqualTo(RefreshMode.FULL_REFRESH);
        }
        assertThat(response.json().path("started")).hasSize(2);
    }

    @Test
    void oldClientsForceAsAQueryParameter() {
        ApiResponse response = api.post(PATH + "?force=true");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("started")).hasSize(2)
                .allSatisfy(started -> assertThat(started.path("mode").asText()).isEqualTo("full_refresh"));
    }

    @Test
    void listedTablesReplaceTheGroupAndDuplicatesStartOnce() {
        ApiResponse response = api.postJson(PATH,
                "{\"tables\": [\"operation_data\", \"productivity_data\", \"operation_data\"], \"days\": 2}");

        assertThat(response.status()).isEqualTo(202);
        JsonNode started = response.json().path("started");
        assertThat(tables(started)).containsExactly("operation_data", "productivity_data");
        assertThat(fixture.awaitReceived(started.get(0).path("runId").asText()).days()).isEqualTo(2);
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void anUnknownTableInTheListIs404AndStartsNothing() {
        ApiResponse response = api.postJson(PATH, "{\"tables\": [\"dashboard_data\", \"nope\", \"evolution_data\"]}");

        assertThat(response.status()).isEqualTo(404);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("unknown_table");
        assertThat(body.path("message").asText()).contains("'nope'").contains("nothing was started");
        assertThat(body.path("unknownTables")).hasSize(1);
        assertThat(body.path("unknownTables").get(0).asText()).isEqualTo("nope");
        assertThat(body.path("knownTables")).hasSize(5);
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
        assertThat(fixture.starter.running("evolution_data")).isEmpty();
    }

    @Test
    void badOptionsAre400AndStartNothing() {
        ApiResponse emptyList = api.postJson(PATH, "{\"tables\": []}");
        ApiResponse notAList = api.postJson(PATH, "{\"tables\": \"dashboard_data\"}");
        ApiResponse notNames = api.postJson(PATH, "{\"tables\": [\"dashboard_data\", 7]}");
        ApiResponse unknownField = api.postJson(PATH, "{\"table\": [\"dashboard_data\"]}");
        ApiResponse badRange = api.postJson(PATH, "{\"from\": \"2026-02-01\", \"to\": \"2026-01-01\"}");

        assertThat(emptyList.status()).isEqualTo(400);
        assertThat(emptyList.json().path("message").asText()).contains("'tables' is empty");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.json().path("message").asText()).isEqualTo("field 'tables' must be a list, got \"dashboard_data\"");
        assertThat(notNames.status()).isEqualTo(400);
        assertThat(notNames.json().path("message").asText()).isEqualTo("field 'tables[1]' must be a string, got 7");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("error").asText()).isEqualTo("unknown_field");
        assertThat(unknownField.json().path("message").asText()).contains("unknown field 'table'").contains("tables");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.json().path("message").asText()).isEqualTo("'from' (2026-02-01) is after 'to' (2026-01-01)");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void aRunningTableIsReportedAndTheOthersStart() {
        String running = api.post("/api/v1/etl/refresh/table/dashboard_data").json().path("runId").asText();

        ApiResponse response = api.post(PATH);

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        assertThat(tables(body.path("started"))).containsExactly("evolution_data");
        assertThat(body.path("alreadyRunning")).hasSize(1);
        JsonNode conflict = body.path("alreadyRunning").get(0);
        assertThat(conflict.path("error").asText()).isEqualTo("already_running");
        assertThat(conflict.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(conflict.path("runId").asText()).isEqualTo(running);
        assertThat(conflict.path("workflowId").asText()).isEqualTo("etl-refresh-dashboard_data");
        assertThat(conflict.path("statusUrl").asText()).isEqualTo("/api/v1/etl/runs/" + running);
    }

    @Test
    void whenEveryTableIsRunningItIs409() {
        JsonNode first = api.post(PATH).json().path("started");

        ApiResponse response = api.postJson(PATH, "{\"force\": true}");

        assertThat(response.status()).isEqualTo(409);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("already_running");
        assertThat(body.path("status").asInt()).isEqualTo(409);
        assertThat(body.path("message").asText()).contains("nothing was started");
        assertThat(body.path("started")).isEmpty();
        assertThat(tables(body.path("alreadyRunning"))).containsExactly("dashboard_data", "evolution_data");
        assertThat(body.path("alreadyRunning").get(0).path("runId").asText()).isEqualTo(first.get(0).path("runId").asText());
    }

    private static List<String> tables(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("table").asText()));
        return names;
    }
}
