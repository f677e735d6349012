package io.pulso.api.alerts;

import static io.pulso.api.testing.ApiTestFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.security.ApiKeyMatcher;
import io.pulso.api.security.ApiSecurity;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.api.testing.Unreachable;
import io.pulso.core.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /alerts shows what the workers' alert check wrote; POST /alerts/test queues a test event for it. */
class AlertRoutesTest extends ApiRouteTest {

    private static final String KEY = "alerts-key-1b2c3d4e5f60718";

    @AfterEach
    void empty() {
        TestDatabase.execute(fixture.database, "TRUNCATE etl_alert_deliveries, etl_alert_incidents, etl_alert_test_requests");
    }

    @Test
    void listsOpenIncidentsAndTheDeliveriesNewestFirst() {
        TestDatabase.execute(fixture.database, "INSERT INTO etl_alert_incidents (id, table_name, kind, run_id, opened_at, last_sent_at, sends) "
                + "VALUES (7, 'operation_data', 'failed', 'run-2', '2026-03-01T08:00:00Z', '2026-03-01T11:00:00Z', 2), "
                + "(8, 'dashboard_data', 'held', 'run-h', '2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z', 1)");
        TestDatabase.execute(fixture.database, "INSERT INTO etl_alert_incidents (table_name, kind, opened_at, last_sent_at, closed_at) "
                + "VALUES ('evolution_data', 'stale', '2026-02-28T08:00:00Z', '2026-02-28T08:00:00Z', '2026-02-28T10:00:00Z')");
        TestDatabase.execute(fixture.database, "INSERT INTO etl_alert_deliveries (incident_id, event, table_name, run_id, webhook, "
                + "receiver, delivered, status_code, attempts, error, finished_at) VALUES "
                + "(7, 'failed', 'operation_data', 'run-1', 0, 'https://hooks.example.com', true, 200, 2, NULL, '2026-03-01T08:01:00Z'), "
                + "(7, 'failed', 'operation_data', 'run-2', 0, 'https://hooks.example.com', false, 404, 0, "
                + "'https://hooks.example.com/… answered HTTP 404', '2026-03-01T11:01:00Z')");
        TestDatabase.execute(fixture.database, "INSERT INTO etl_alert_test_requests (requested_at) VALUES ('2026-03-01T11:59:00Z')");

        ApiResponse response = api.get("/api/v1/etl/alerts");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("openIncidents")).hasSize(2);
        JsonNode first = body.path("openIncidents").get(0);
        assertThat(first.path("table").asText()).isEqualTo("operation_data");
        assertThat(first.path("kind").asText()).isEqualTo("failed");
        assertThat(first.path("runId").asText()).isEqualTo("run-2");
        assertThat(first.path("sends").asInt()).isEqualTo(2);
        assertThat(first.path("lastSentAt").asText()).isEqualTo("2026-03-01T11:00:00Z");
        assertThat(body.path("openIncidents").get(1).path("kind").asText()).isEqualTo("held");
        JsonNode newest = body.path("deliveries").get(0);
        assertThat(newest.path("runId").asText()).isEqualTo("run-2");
        assertThat(newest.path("delivered").asBoolean()).isFalse();
        assertThat(newest.path("statusCode").asInt()).isEqualTo(404);
        assertThat(newest.path("error").asText()).isEqualTo("https://hooks.example.com/… answered HTTP 404");
        assertThat(body.path("deliveries").get(1).path("attempts").asInt()).isEqualTo(2);
        assertThat(body.path("pendingTests").asLong()).isEqualTo(1);
        assertThat(body.path("generatedAt").asText()).isEqualTo(NOW.toString());

        assertThat(api.get("/api/v1/etl/alerts?limit=1").json().path("deliveries")).hasSize(1);
        ApiResponse bad = api.get("/api/v1/etl/alerts?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).isEqualTo("'limit' must be between 1 and 500, got 0");
    }

    @Test
    void aTestRequestNeedsTheKeyAndIsQueuedForTheWorkers() {
        ApiClient protectedApi = fixture.serve(fixture.deps().security(new ApiSecurity(new ApiKeyMatcher(KEY), false, List.of())).build());

        assertThat(protectedApi.post("/api/v1/etl/alerts/test").status()).isEqualTo(401);
        ApiResponse queued = protectedApi.request("POST", "/api/v1/etl/alerts/test", Map.of("Authorization", "Bearer " + KEY), null);

        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.json().path("status").asText()).isEqualTo("queued");
        assertThat(queued.json().path("requestId").asLong()).isPositive();
        assertThat(api.get("/api/v1/etl/alerts").json().path("pendingTests").asLong()).isEqualTo(1);
    }

    @Test
    void withTheDatabaseDownBothAre503() {
        ApiClient down = fixture.serve(fixture.deps().database(Unreachable.database()).build());

        assertThat(down.get("/api/v1/etl/alerts").status()).isEqualTo(503);
        assertThat(down.post("/api/v1/etl/alerts/test").status()).isEqualTo(503);
    }
}
