package io.pulso.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulso.api.ApiServer;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import io.pulso.api.testing.Unreachable;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorHandlingTest {

    private static ApiTestFixture fixture;
    private static WorkflowServiceStubs deadTemporal;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
        deadTemporal = Unreachable.temporal();
    }

    @AfterAll
    static void stop() {
        fixture.close();
        deadTemporal.shutdownNow();
    }

    @AfterEach
    void reset() {
        fixture.reset();
    }

    @Test
    void anUnknownRouteIsA404InJson() {
        for (String path : new String[] {"/nope", "/api/v1/etl/nope", "/api/v1/etl/refresh/tables/x"}) {
            ApiResponse response = fixture.api.get(path);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode body = response.json();
            assertThat(body.path("error").asText()).isEqualTo("not_found");
            assertThat(body.path("status").asInt()).isEqualTo(404);
            assertThat(body.path("message").asText()).isEqualTo("no route for GET " + path);
        }
    }

    @Test
    void headersTooLargeForJettyAreA431InJsonNotAnHtmlPage() {
        ApiResponse response = fixture.api.request("GET", "/api/v1/etl/status", Map.of("X-Junk", "y".repeat(64 * 1024)), null);

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("error").asText()).isEqualTo("request_header_fields_too_large");
        assertThat(response.json().path("status").asInt()).isEqualTo(431);
    }

    @Test
    void aWrongMethodOnAKnownPathIsA405NamingTheAllowedOnes() {
        ApiResponse postStatus = fixture.api.post("/api/v1/etl/status");
        ApiResponse getRefresh = fixture.api.get("/api/v1/etl/refresh/table/dashboard_data");

        assertThat(postStatus.status()).isEqualTo(405);
        assertThat(postStatus.json().path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(postStatus.json().path("message").asText()).contains("POST").contains("allowed: GET");
        assertThat(postStatus.header("Allow")).contains("GET");
        assertThat(getRefresh.status()).isEqualTo(405);
        assertThat(getRefresh.json().path("message").asText()).contains("allowed: POST");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsA503WithoutDetails() {
        ApiClient api = fixture.serve(fixture.deps().database(Unreachable.database()).build());

        for (String path : new String[] {"/api/v1/etl/runs", "/api/v1/etl/status", "/api/v1/etl/status/table/dashboard_data",
                "/api/v1/etl/runs/abc"}) {
            ApiResponse response = api.get(path);

            assertThat(response.status()).as(path).isEqualTo(503);
            JsonNode body = response.json();
            assertThat(body.path("error").asText()).isEqualTo("database_unavailable");
            assertThat(body.path("message").asText()).isEqualTo("The database is unavailable; try again later.");
            assertThat(response.body()).doesNotContain(Unreachable.PASSWORD).doesNotContain("127.0.0.1")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void anUnreachableTemporalIsA503WhenItIsNeeded() {
        ApiClient api = fixture.serve(fixture.deps().starter(Unreachable.starter(deadTemporal)).build());

        ApiResponse response = api.get("/api/v1/etl/runs/9b2f1c4e-unknown-to-the-log");

        assertThat(response.status()).isEqualTo(503);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("temporal_unavailable");
        assertThat(body.path("message").asText()).isEqualTo("Temporal unavailable; try again later.");
    }

    @Test
    void pagesThatCanDoWithoutTemporalStillAnswerDuringItsOutage() {
        ApiClient api = fixture.serve(fixture.deps().starter(Unreachable.starter(deadTemporal)).build());
        fixture.log.running("run-live", "dashboard_data", Instant.parse("2026-03-01T10:00:00Z"));

        ApiResponse table = api.get("/api/v1/etl/status/table/dashboard_data");
        ApiResponse run = api.get("/api/v1/etl/runs/run-live");
        ApiResponse overview = api.get("/api/v1/etl/status");

        assertThat(table.status()).isEqualTo(200);
        assertThat(table.json().path("running").isNull()).isTrue();
        assertThat(table.json().path("warnings").get(0).asText()).startsWith("Temporal unavailable");
        assertThat(table.json().path("lastRun").path("runId").asText()).isEqualTo("run-live");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("status").asText()).isEqualTo("running");
        assertThat(run.json().has("progress")).isFalse();
        assertThat(overview.status()).isEqualTo(200);
    }

    @Test
    void anUnexpectedFailureIsA500WithAReferenceAndNoInternals() {
        DataSource broken = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new IllegalStateException("internal detail: pool state 0xDEAD");
                });
        ApiClient api = fixture.serve(fixture.deps().database(broken).build());

        ApiResponse response = api.get("/api/v1/etl/runs");

        assertThat(response.status()).isEqualTo(500);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isEqualTo("internal_error");
        assertThat(body.path("message").asText()).startsWith("Internal error; the server log has the details under reference ");
        assertThat(response.body()).doesNotContain("0xDEAD").doesNotContain("IllegalStateException");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "zz\r\n{\"days\": 1}\r\n0\r\n\r\n",           // a chunk size that is not hexadecimal
            "b\r\n{\"days\": 1}XX\r\n0\r\n\r\n",          // a chunk without its CRLF
            "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"})       // a chunk size past any limit
    void aBrokenChunkedBodyIsA400InJsonAndStartsNothing(String chunkedBody) throws IOException {
        try (ApiServer server = ApiServer.start(fixture.deps().build(), 0);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/v1/etl/refresh/table/dashboard_data HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + chunkedBody;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400 ");
            assertThat(answer).containsIgnoringCase("Content-Type: application/json");
            String json = answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1);
            JsonNode body = new ObjectMapper().readTree(json);
            assertThat(body.path("status").asInt()).isEqualTo(400);
            assertThat(body.path("error").asText()).isEqualTo("invalid_body");
            assertThat(body.path("message").asText()).startsWith("request body could not be read");
            assertThat(fixture.starter.running("dashboard_data")).as("nothing started").isEmpty();
        }
    }
}
