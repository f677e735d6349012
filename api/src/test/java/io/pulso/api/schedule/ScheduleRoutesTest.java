package io.pulso.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import org.junit.jupiter.api.Test;

class ScheduleRoutesTest extends ApiRouteTest {

    private static final String BASE = "/api/v1/etl/schedules";
    private ApiResponse put(String table, String json) {
        return api.send("PUT", BASE + "/" + table, "application/json", json);
    }

    @Test
    void putCreatesThenUpdatesAndTheListShowsTheBackend() {
        ApiResponse created = put("operation_data", "{\"interval\": \"PT30M\"}");
        ApiResponse updated = put("operation_data", "{\"interval\": 900, \"timeZone\": \"UTC\", \"paused\": true}");
        ApiResponse list = api.get(BASE);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("action").asText()).isEqualTo("created");
        assertThat(created.json().path("backend").asText()).isEqualTo("cron-workflow");
        assertThat(created.json().path("schedule").path("interval").asText()).isEqualTo("PT30M");
        assertThat(created.json().path("schedule").path("timeZone").asText()).isEqualTo("America/Lima");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("action").asText()).isEqualTo("updated");
        assertThat(updated.json().path("schedule").path("intervalSeconds").asLong()).isEqualTo(900);
        assertThat(updated.json().path("schedule").path("paused").asBoolean()).isTrue();
        assertThat(updated.json().path("schedule").path("nextFireAt").isNull()).isTrue();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("backend").asText()).isEqualTo("cron-workflow");
        assertThat(list.json().path("schedules")).hasSize(1);
        assertThat(list.json().path("schedules").get(0).path("scheduleId").asText()).isEqualTo("etl-cron-operation_data");
    }

    @Test
    void anEmptyPutUsesTheCatalogInterval() {
        ApiResponse created = put("assignment_data", "");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("schedule").path("interval").asText()).isEqualTo("PT24H");
    }

    @Test
    void invalidSpecsAre400AndUnknownTables404() {
        ApiResponse both = put("operation_data", "{\"interval\": \"PT1H\", \"cron\": \"0 * * * *\"}");
        ApiResponse badInterval = put("operation_data", "{\"interval\": \"two hours\"}");
        ApiResponse badZone = put("operation_data", "{\"interval\": 60, \"timeZone\": \"Mars/Base\"}");
        ApiResponse cronOnFallback = put("operation_data", "{\"cron\": \"0 */2 * * *\"}");
        ApiResponse unknown = put("nope", "{\"interval\": 60}");

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("error").asText()).isEqualTo("invalid_schedule");
        assertThat(both.json().path("message").asText()).contains("exactly one");
        assertThat(badInterval.status()).isEqualTo(400);
        assertThat(badInterval.json().path("message").asText()).contains("ISO-8601");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().path("message").asText()).contains("Mars/Base");
        assertThat(cronOnFallback.status()).isEqualTo(400);
        assertThat(cronOnFallback.json().path("backend").asText()).isEqualTo("cron-workflow");
        assertThat(cronOnFallback.json().path("message").asText()).contains("Temporal Schedules API");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_table");
    }

    @Test
    void pauseResumeTriggerAndDelete() {
        put("dashboard_data", "{\"interval\": \"PT6H\"}");

        ApiResponse paused = api.post(BASE + "/dashboard_data/pause");
        ApiResponse resumed = api.post(BASE + "/dashboard_data/resume");
        ApiResponse triggered = api.post(BASE + "/dashboard_data/trigger");
        ApiResponse one = api.get(BASE + "/dashboard_data");
        ApiResponse deleted = api.send("DELETE", BASE + "/dashboard_data", null, null);
        ApiResponse gone = api.get(BASE + "/dashboard_data");

        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("schedule").path("paused").asBoolean()).isTrue();
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().path("schedule").path("paused").asBoolean()).isFalse();
        assertThat(triggered.status()).isEqualTo(202);
        assertThat(triggered.json().path("action").asText()).isEqualTo("triggered");
        assertThat(fixture.scheduler.triggered).containsExactly("dashboard_data");
        JsonNode firings = one.json().path("firings");
        assertThat(firings.path("lastOutcome").asText()).isEqualTo("started");
        assertThat(firings.path("started").asLong()).isEqualTo(1);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("action").asText()).isEqualTo("deleted");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").asText()).isEqualTo("schedule_not_found");
    }

    @Test
    void actionsOnATableWithoutAScheduleAre404() {
        for (String action : new String[] {"pause", "resume", "trigger"}) {
            ApiResponse response = api.post(BASE + "/evolution_data/" + action);
            assertThat(response.status()).as(action).isEqualTo(404);
            assertThat(response.json().path("error").asText()).isEqualTo("schedule_not_found");
            assertThat(response.json().path("backend").asText()).isEqualTo("cron-workflow");
        }
        assertThat(api.send("DELETE", BASE + "/evolution_data", null, null).status()).isEqualTo(404);
        assertThat(api.post(BASE + "/nope/pause").json().path("error").asText()).isEqualTo("unknown_table");
    }
}
