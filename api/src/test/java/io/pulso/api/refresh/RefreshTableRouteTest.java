package io.pulso.api.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefreshTableRouteTest extends ApiRouteTest {

    private static final String PATH = "/api/v1/etl/refresh/table/dashboard_data";

    @Test
    void noOptionsStartsAnIncrementalRun() {
        ApiResponse response = api.post(PATH);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        String runId = body.path("runId").asText();
        assertThat(runId).isNotBlank();
        assertThat(body.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(body.path("workflowId").asText()).isEqualTo("etl-refresh-dashboard_data");
        assertThat(body.path("mode").asText()).isEqualTo("incremental");
        assertThat(body.path("trigger").asText()).isEqualTo("api");
        assertThat(body.path("statusUrl").asText()).isEqualTo("/api/v1/etl/runs/" + runId);
        assertThat(body.has("temporalUiUrl")).as("no Temporal UI configured").isFalse();
        assertThat(response.header("Location")).isEqualTo("/api/v1/etl/runs/" + runId);

        RefreshRequest received = fixture.awaitReceived(runId);
        assertThat(received).isEqualTo(new RefreshRequest("dashboard_data", RefreshMode.INCREMENTAL, null, null, null,
                Trigger.API, null));
        assertThat(fixture.starter.running("dashboard_data")).contains(runId);
    }

    @Test
    void forceTrueInTheBodyMeansFullRefresh() {
        ApiResponse response = api.postJson(PATH, "{\"force\": true}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("full_refresh");
        assertThat(fixture.awaitReceived(response.json().path("runId").asText()).mode()).isEqualTo(RefreshMode.FULL_REFRESH);
    }

    @Test
    void forceTrueAsAQueryParameterMeansFullRefresh() {
        ApiResponse response = api.post(PATH + "?force=true");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("full_refresh");
        assertThat(fixture.awaitReceived(response.json().path("runId").asText()).mode()).isEqualTo(RefreshMode.FULL_REFRESH);
    }

    @Test
    void forceFalseAsAQueryParameterStaysIncremental() {
        ApiResponse response = api.post(PATH + "?force=false");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("incremental");
    }

    @Test
    void daysAloneMeansSlidingWindow() {
        ApiResponse response = api.postJson(PATH, "{\"days\": 14}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("sliding_window");
        assertThat(response.json().path("days").asInt()).isEqualTo(14);
        RefreshRequest received = fixture.awaitReceived(response.json().path("runId").asText());
        assertThat(received.mode()).isEqualTo(RefreshMode.SLIDING_WINDOW);
        assertThat(received.days()).isEqualTo(14);
    }

    @Test
    void fromAndToAloneMeanBackfill() {
        ApiResponse response = api.postJson(PATH, "{\"from\": \"2026-01-01\", \"to\": \"2026-01-31\"}");

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        assertThat(body.path("mode").asText()).isEqualTo("backfill");
        assertThat(body.path("from").asText()).isEqualTo("2026-01-01");
        assertThat(body.path("to").asText()).isEqualTo("2026-01-31");
        RefreshRequest received = fixture.awaitReceived(body.path("runId").asText());
        assertThat(received.mode()).isEqualTo(RefreshMode.BACKFILL);
        assertThat(received.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(received.to()).isEqualTo(LocalDate.of(2026, 1, 31));
    }

    @Test
    void anExplicitModeWinsAndQueryAndBodyMayRepeatTheSameValue() {
        ApiResponse response = api.send("POST", PATH + "?mode=sliding_window&days=3", "application/json",
                "{\"mode\": \"sliding_window\", \"days\": 3, \"force\": false}");

        assertThat(response.status()).isEqualTo(202);
        RefreshRequest received = fixture.awaitReceived(response.json().path("runId").asText());
        assertThat(received.mode()).isEqualTo(RefreshMode.SLIDING_WINDOW);
        assertThat(received.days()).isEqualTo(3);
    }

    @Test
    void aDeletionAllowanceAndAWatermarkRewindReachTheRun() {
        ApiResponse response = api.postJson(PATH, "{\"force\": true, \"allowDeletion\": 0.5, \"rewindWatermark\": true}");

        assertThat(response.status()).isEqualTo(202);
        RefreshRequest received = fixture.awaitReceived(response.json().path("runId").asText());
        assertThat(received.mode()).isEqualTo(RefreshMode.FULL_REFRESH);
        assertThat(received.guardOverrides().maxDeletionShare()).isEqualTo(0.5);
        assertThat(received.guardOverrides().rewindWatermark()).isTrue();
    }

    @Test
    void aBadDeletionAllowanceIs400AndStartsNothing() {
        ApiResponse response = api.postJson(PATH, "{\"allowDeletion\": \"some\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("invalid_field");
        assertThat(response.json().path("message").asText()).contains("'allowDeletion'");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void forceWithExplicitFullRefreshIsAccepted() {
        ApiResponse response = api.postJson(PATH, "{\"force\": true, \"mode\": \"full_refresh\"}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("full_refresh");
    }

    @Test
    void aJsonBodyWithCharsetParameterIsAccepted() {
        ApiResponse response = api.send("POST", PATH, "application/json; charset=utf-8", "{\"days\": 2}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("sliding_window");
    }

    @Test
    void theTemporalUiLinkIsAddedWhenAUiIsConfigured() {
        ApiClient withUi = fixture.serve(fixture.deps().temporalUi("http://temporal-ui:8080/", "pulso").build());

        ApiResponse response = withUi.post(PATH);

        assertThat(response.status()).isEqualTo(202);
        String runId = response.json().path("runId").asText();
        assertThat(response.json().path("temporalUiUrl").asText())
                .isEqualTo("http://temporal-ui:8080/namespaces/pulso/workflows/etl-refresh-dashboard_data/" + runId);
    }

    @Test
    void aSecondRefreshWhileOneRunsIsAConflictNamingTheRunningRun() {
        String first = api.post(PATH).json().path("runId").asText();

        ApiResponse second = api.postJson(PATH, "{\"force\": true}");

        assertThat(second.status()).isEqualTo(409);
        JsonNode body = second.json();
        assertThat(body.path("error").asText()).isEqualTo("already_running");
        assertThat(body.path("status").asInt()).isEqualTo(409);
        assertThat(body.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(body.path("workflowId").asText()).isEqualTo("etl-refresh-dashboard_data");
        assertThat(body.path("runId").asText()).isEqualTo(first);
        assertThat(body.path("statusUrl").asText()).isEqualTo("/api/v1/etl/runs/" + first);
        assertThat(body.path("message").asText()).contains("already refreshing");
        assertThat(fixture.starter.running("dashboard_data")).contains(first);
    }

    @Test
    void aFinishedRunDoesNotBlockTheNextOne() throws Exception {
        String first = api.post(PATH).json().path("runId").asText();
        fixture.awaitReceived(first);
        fixture.release("dashboard_data");
        waitUntilNotRunning("dashboard_data");

        ApiResponse second = api.post(PATH);

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("runId").asText()).isNotEqualTo(first);
    }

    @Test
    void anUnknownTableIs404NamingTheKnownTables() {
        ApiResponse response = api.post("/api/v1/etl/refresh/table/no_such_table?force=true");

        assertThat(response.status()).isEqualTo(404);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("unknown_table");
        assertThat(body.path("status").asInt()).isEqualTo(404);
        assertThat(body.path("message").asText()).contains("no_such_table").contains("dashboard_data, evolution_data");
        assertThat(body.path("knownTables")).hasSize(5);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                                             | {"force": tru                        | invalid_json           | not valid JSON (line 1, column
                                             | {"days": 1} {"days": 2}               | invalid_json           | unexpected content after the first JSON value
                                             | {"days": 1, "days": 2}               | invalid_json           | Duplicate field 'days'
                                             | [1, 2]                               | invalid_body           | must be a JSON object, got an array
                                             | "full"                               | invalid_body           | must be a JSON object, got a string
                                             | null                                 | invalid_body           | must be a JSON object, got null
                                             | {"forse": true}                      | unknown_field          | unknown field 'forse'; allowed fields: allowDeletion, days, force, from, mode, rewindWatermark, to
                                             | {"days": "x"}                        | invalid_field          | field 'days' must be a whole number, got "x"
                                             | {"days": "7"}                        | invalid_field          | field 'days' must be a whole number, got "7"
                                             | {"days": 1.5}                        | invalid_field          | field 'days' must be a whole number, got 1.5
                                             | {"days": 99999999999}                | invalid_field          | days
                                             | {"force": "yes"}                     | invalid_field          | field 'force' must be true or false, got "yes"
                                             | {"force": 1}                         | invalid_field          | field 'force' must be true or false, got 1
                                             | {"mode": 3}                          | invalid_field          | field 'mode' must be a string, got 3
                                             | {"from": 20260101, "to": "2026-01-02"} | invalid_field        | field 'from' must be a string, got 20260101
                                             | {"mode": "turbo"}                    | invalid_mode           | unknown mode 'turbo'; expected one of incremental, full_refresh, sliding_window, backfill
            ?mode=FULL                       |                                      | invalid_mode           | unknown mode 'FULL'
                                             | {"from": "2026/01/01", "to": "2026-01-31"} | invalid_date     | 'from' must be a date in the form YYYY-MM-DD, got '2026/01/01'
                                             | {"from": "2026-01-01", "to": "2026-02-30"} | invalid_date     | 'to' is not a real date: 2026-02-30
            ?from=2026-13-01&to=2026-12-31   |                                      | invalid_date           | 'from' is not a real date: 2026-13-01
                                             | {"from": "2026-03-01", "to": "2026-01-31"} | invalid_parameters | 'from' (2026-03-01) is after 'to' (2026-01-31)
                                             | {"from": "2026-03-01"}               | invalid_parameters     | mode backfill needs both 'from' and 'to'
                                             | {"days": 0}                          | invalid_parameters     | 'days' must be between 1 and 3650, got 0
            ?days=4000                       |                                      | invalid_parameters     | 'days' must be between 1 and 3650, got 4000
                                             | {"mode": "incremental", "days": 5}   | invalid_parameters     | 'days' applies only to mode sliding_window, not incremental
                                             | {"mode": "full_refresh", "from": "2026-01-01", "to": "2026-01-02"} | invalid_parameters | 'from' and 'to' apply only to mode backfill, not full_refresh
                                             | {"force": true, "days": 5}           | invalid_parameters     | 'days' applies only to mode sliding_window, not full_refresh
                                             | {"force": true, "mode": "backfill", "from": "2026-01-01", "to": "2026-01-02"} | conflicting_parameters | 'force: true' asks for full_refresh and cannot be combined with mode backfill
                                             | {"days": 3, "from": "2026-01-01", "to": "2026-01-02"} | conflicting_parameters | give either 'days' (sliding_window) or 'from'/'to' (backfill), not both
            ?force=true                      | {"force": false}                     | conflicting_parameters | 'force' is given in the query (true) and in the body (false) with different values
            ?days=3                          | {"days": 4}                          | conflicting_parameters | 'days' is given in the query (3) and in the body (4) with different values
            ?days=3&days=4                   |                                      | conflicting_parameters | query parameter 'days' is given more than once with different values: 3, 4
            ?force=maybe                     |                                      | invalid_parameter      | query parameter 'force' must be true or false, got 'maybe'
            ?days=seven                      |                                      | invalid_parameter      | query parameter 'days' must be a whole number, got 'seven'
            ?dys=7                           |                                      | unknown_parameter      | unknown query parameter 'dys'; allowed: days, force, from, mode, to
            ?days=%EF%BC%97                  |                                      | invalid_parameter      | query parameter 'days' must be a whole number, got '７'
            ?days=%D9%A7                     |                                      | invalid_parameter      | query parameter 'days' must be a whole number
            ?days=%2B7                       |                                      | invalid_parameter      | query parameter 'days' must be a whole number, got '+7'
                                             | {"from": "0000-01-01", "to": "2026-01-01"} | invalid_parameters | 'from' must be 2000-01-01 or later, got 0000-01-01
            ?from=1999-12-31&to=2000-01-31   |                                      | invalid_parameters     | 'from' must be 2000-01-01 or later, got 1999-12-31
                                             | {"from": "2000-01-01", "to": "2026-01-01"} | invalid_parameters | covers 9498 days; a backfill covers at most 3660 days (MAX_BACKFILL_DAYS)
                                             | {"from": "２０２６-01-01", "to": "2026-01-02"} | invalid_date    | 'from' must be a date in the form YYYY-MM-DD
            """)
    void badInputIs400WithAPreciseMessage(String query, String body, String code, String message) {
        ApiResponse response = api.send("POST", PATH + (query == null ? "" : query), "application/json", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode json = response.json();
        assertThat(json.path("error").asText()).as(response.body()).isEqualTo(code);
        assertThat(json.path("status").asInt()).isEqualTo(400);
        assertThat(json.path("message").asText()).contains(message);
        assertThat(fixture.starter.running("dashboard_data")).as("nothing started").isEmpty();
    }

    @Test
    void aBackfillOfTheLongestAllowedRangeStarts() {
        LocalDate from = LocalDate.of(2016, 1, 1);
        LocalDate to = from.plusDays(3659);
        ApiResponse response = api.postJson(PATH, "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        RefreshRequest received = fixture.awaitReceived(response.json().path("runId").asText());
        assertThat(received.mode()).isEqualTo(RefreshMode.BACKFILL);
        assertThat(received.from()).isEqualTo(from);
        assertThat(received.to()).isEqualTo(to);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        ApiResponse response = api.send("POST", PATH, "application/x-www-form-urlencoded", "force=true");

        assertThat(response.status()).isEqualTo(415);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(body.path("message").asText()).contains("application/x-www-form-urlencoded");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void anEmptyBodyIgnoresItsContentType() {
        ApiResponse response = api.send("POST", PATH + "?force=true", "text/plain", "");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("mode").asText()).isEqualTo("full_refresh");
    }

    @Test
    void aBodyOver64KiBIs413() {
        String big = "{\"mode\": \"incremental\", \"pad\": \"" + "x".repeat(70_000) + "\"}";

        ApiResponse response = api.postJson(PATH, big);

        assertThat(response.status()).isEqualTo(413);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("payload_too_large");
        assertThat(body.path("message").asText()).contains("65536 bytes");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void aChunkedBodyOver64KiBIs413() {
        byte[] big = ("{\"pad\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        ApiResponse response = api.postChunked(PATH, "application/json", big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("error").asText()).isEqualTo("payload_too_large");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void aSmallChunkedBodyIsRead() {
        ApiResponse response = api.postChunked(PATH, "application/json",
                "{\"days\": 5}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("days").asInt()).isEqualTo(5);
    }

    private static void waitUntilNotRunning(String table) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (fixture.starter.running(table).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(table + " still running");
            }
            Thread.sleep(20);
        }
    }
}
