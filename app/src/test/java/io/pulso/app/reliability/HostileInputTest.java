package io.pulso.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.core.json.Json;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests against the real API of an embedded stack (API key on): each must be a 4xx with the JSON error
 * shape and a precise code, the server keeps serving, and nothing reaches the database or Temporal. The api module's
 * route tests cover single bad options; this suite sends what an attacker or a broken client sends over the wire.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final String KEY = "reliability-suite-key";
    private static final String BASE = "/api/v1/etl";
    private static final String REFRESH = BASE + "/refresh/table/dashboard_data";
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);
    private static final Map<String, String> JSON_AUTH = Map.of("Authorization", "Bearer " + KEY,
            "Content-Type", "application/json");

    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static RawHttp http;

    record Hostile(String name, String method, String target, Map<String, String> headers, byte[] body, int status,
                   String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, KEY, false));
        http = new RawHttp(stack.apiPort());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<Hostile> requests() {
        return Stream.of(
                post("unknown table", BASE + "/refresh/table/no_such_table", null, 404, "unknown_table"),
                post("SQL in the table name", BASE + "/refresh/table/dashboard_data%27%3B%20DROP%20TABLE%20etl_watermarks%3B--",
                        null, 404, "unknown_table"),
                // Decoded to one path segment: a name that is not in the catalog, so nothing is ever traversed.
                post("encoded path traversal in the table name", BASE + "/refresh/table/..%2F..%2Fetc%2Fpasswd", null, 404,
                        "unknown_table"),
                post("NUL byte in the table name", BASE + "/refresh/table/dashboard_data%00", null, 400, "bad_request"),
                get("dot segments climbing out of the API", BASE + "/status/table/../../../etc/passwd", 404, "not_found"),
                get("encoded traversal in a run id", BASE + "/runs/..%2F..%2Fetc%2Fpasswd", 400, "invalid_run_id"),
                get("SQL in a query parameter", BASE + "/runs?table=x%27%20OR%20%271%27%3D%271", 400, "unknown_table_filter"),
                get("SQL in the status filter", BASE + "/runs?status=running%3BDELETE%20FROM%20etl_execution_log", 400,
                        "invalid_parameter"),
                get("negative page size", BASE + "/runs?limit=-1", 400, "invalid_parameter"),
                get("enormous page size", BASE + "/runs?limit=2147483647", 400, "invalid_parameter"),
                get("page size beyond int", BASE + "/runs?limit=99999999999999999999", 400, "invalid_parameter"),
                get("negative offset", BASE + "/runs?offset=-5", 400, "invalid_parameter"),
                post("unknown query parameter", REFRESH + "?dys=7", null, 400, "unknown_parameter"),
                post("malformed JSON", REFRESH, "{\"force\": tru", 400, "invalid_json"),
                post("10k nested arrays", REFRESH, "{\"days\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", 400,
                        "invalid_json"),
                post("a JSON array instead of an object", REFRESH, "[]", 400, "invalid_body"),
                post("two JSON values", REFRESH, "{} {}", 400, "invalid_json"),
                post("days as a string", REFRESH, "{\"days\": \"7\"}", 400, "invalid_field"),
                post("force as a number", REFRESH, "{\"force\": 1}", 400, "invalid_field"),
                post("unknown field", REFRESH, "{\"table\": \"etl_watermarks\"}", 400, "unknown_field"),
                post("unknown mode", REFRESH, "{\"mode\": \"drop_everything\"}", 400, "invalid_mode"),
                post("negative days", REFRESH, "{\"days\": -1}", 400, "invalid_parameters"),
                post("zero days", REFRESH + "?days=0", null, 400, "invalid_parameters"),
                post("enormous days", REFRESH, "{\"days\": 2147483647}", 400, "invalid_parameters"),
                post("days beyond int", REFRESH + "?days=99999999999", null, 400, "invalid_parameter"),
                post("full-width digit as days", REFRESH + "?days=%EF%BC%97", null, 400, "invalid_parameter"),
                get("full-width digit as a page size", BASE + "/runs?limit=%EF%BC%95", 400, "invalid_parameter"),
                post("backfill from year 0", REFRESH, "{\"from\": \"0000-01-01\", \"to\": \"2026-01-01\"}", 400,
                        "invalid_parameters"),
                post("backfill over a century", REFRESH, "{\"from\": \"2000-01-01\", \"to\": \"2999-12-31\"}", 400,
                        "invalid_parameters"),
                post("impossible date", REFRESH, "{\"mode\": \"backfill\", \"from\": \"2026-02-30\", \"to\": \"2026-03-01\"}",
                        400, "invalid_date"),
                post("date with SQL", REFRESH + "?mode=backfill&from=2026-01-01%27--&to=2026-01-02", null, 400, "invalid_date"),
                post("range ending before it starts", REFRESH,
                        "{\"mode\": \"backfill\", \"from\": \"2026-03-01\", \"to\": \"2026-02-01\"}", 400, "invalid_parameters"),
                post("backfill without a range", REFRESH, "{\"mode\": \"backfill\"}", 400, "invalid_parameters"),
                new Hostile("body over 64 KiB", "POST", REFRESH, JSON_AUTH,
                        ("{\"mode\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), 413,
                        "payload_too_large"),
                new Hostile("64 KiB header", "GET", BASE + "/status", Map.of("X-Junk", "y".repeat(64 * 1024)), null, 431,
                        "request_header_fields_too_large"),
                new Hostile("no API key", "POST", REFRESH, Map.of(), null, 401, "missing_api_key"),
                new Hostile("wrong API key", "POST", REFRESH, Map.of("X-API-Key", "guess"), null, 401, "invalid_api_key"),
                new Hostile("SQL as the API key", "POST", REFRESH, Map.of("Authorization", "Bearer ' OR 1=1 --"), null,
                        401, "invalid_api_key"),
                new Hostile("unsupported method", "PATCH", REFRESH, AUTH, null, 405, "method_not_allowed"),
                new Hostile("DELETE on a read route", "DELETE", BASE + "/status", AUTH, null, 405, "method_not_allowed"),
                new Hostile("form body", "POST", REFRESH, Map.of("Authorization", "Bearer " + KEY, "Content-Type",
                        "application/x-www-form-urlencoded"), "force=true".getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported_media_type"),
                new Hostile("XML body", "POST", REFRESH, Map.of("Authorization", "Bearer " + KEY, "Content-Type",
                        "application/xml"), "<force>true</force>".getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported_media_type"),
                new Hostile("schedule with a negative interval", "PUT", BASE + "/schedules/dashboard_data", JSON_AUTH,
                        "{\"interval\": \"-PT1H\"}".getBytes(StandardCharsets.UTF_8), 400, "invalid_schedule"),
                new Hostile("retry of a run that never existed", "POST", BASE + "/runs/etl-refresh-x/retry", AUTH, null, 404,
                        "run_not_found"));
    }

    private static Hostile post(String name, String target, String body, int status, String error) {
        return new Hostile(name, "POST", target, JSON_AUTH, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                status, error);
    }

    private static Hostile get(String name, String target, int status, String error) {
        return new Hostile(name, "GET", target, AUTH, null, status, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    @Order(1)
    void everyHostileRequestIsAPreciseJsonClientError(Hostile request) throws Exception {
        RawHttp.Response response = http.send(request.method(), request.target(), request.headers(), request.body());

        String seen = response.status() + " " + response.body();
        assertThat(response.status()).as(seen).isEqualTo(request.status());
        assertThat(response.headers().get("content-type")).as(seen).startsWith("application/json");
        JsonNode error = Json.mapper().readTree(response.body());
        assertThat(error.path("error").asText()).as(seen).isEqualTo(request.error());
        assertThat(error.path("status").asInt()).as(seen).isEqualTo(request.status());
        assertThat(error.path("message").asText()).as(seen).isNotBlank().doesNotContain("Exception");
    }

    @Test
    @Order(2)
    void afterTheBarrageNothingWasWrittenAndTheApiStillServes() throws Exception {
        var data = stack.destination().dataSource();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : new String[] {"etl_execution_log", "etl_watermarks", "etl_page_ledger", "etl_schedule_firings",
                "dashboard_data"}) {
            rows.put(table, Invariants.count(data, "SELECT count(*) FROM " + table));
        }
        assertThat(rows).as("rows per table after hostile requests").allSatisfy((table, count) -> assertThat(count).isZero());

        RawHttp.Response health = http.send("GET", "/health", Map.of(), null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        RawHttp.Response status = http.send("GET", BASE + "/status", Map.of(), null);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
    }
}
