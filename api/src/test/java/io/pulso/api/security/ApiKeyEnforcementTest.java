package io.pulso.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeyEnforcementTest {

    private static final String KEY = "test-key-6f1d0c2a9b8e7f60";
    private static final String REFRESH = "/api/v1/etl/refresh/table/";
    private static ApiTestFixture fixture;
    private static ApiClient writesProtected;
    private static ApiClient allProtected;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
        writesProtected = fixture.serve(fixture.deps().security(new ApiSecurity(new ApiKeyMatcher(KEY), false,
                List.of("https://dash.example.com"))).build());
        allProtected = fixture.serve(fixture.deps().security(new ApiSecurity(new ApiKeyMatcher(KEY), true, List.of())).build());
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
    void aMutatingRequestWithoutAKeyIs401WithAChallengeAndStartsNothing() {
        ApiResponse response = writesProtected.request("POST", REFRESH + "dashboard_data", Map.of(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"pulso\"");
        assertThat(response.json().path("error").asText()).isEqualTo("missing_api_key");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void aWrongKeyIs401AndIsNotEchoed() {
        String wrong = "wrong-key-0000000000000000";
        ApiResponse bearer = writesProtected.request("POST", REFRESH + "dashboard_data", Map.of("Authorization", "Bearer " + wrong), null);
        ApiResponse header = writesProtected.request("POST", REFRESH + "dashboard_data", Map.of("X-API-Key", wrong), null);
        ApiResponse basic = writesProtected.request("POST", REFRESH + "dashboard_data", Map.of("Authorization", "Basic " + KEY), null);

        assertThat(bearer.status()).isEqualTo(401);
        assertThat(bearer.json().path("error").asText()).isEqualTo("invalid_api_key");
        assertThat(bearer.body()).doesNotContain(wrong).doesNotContain(KEY);
        assertThat(header.status()).isEqualTo(401);
        assertThat(basic.status()).as("only Bearer carries the key in Authorization").isEqualTo(401);
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void theRightKeyAsBearerOrXApiKeyStartsTheRun() {
        ApiResponse bearer = writesProtected.request("POST", REFRESH + "dashboard_data", Map.of("Authorization", "Bearer " + KEY), null);
        ApiResponse header = writesProtected.request("POST", REFRESH + "evolution_data", Map.of("X-API-Key", KEY), null);

        assertThat(bearer.status()).isEqualTo(202);
        assertThat(header.status()).isEqualTo(202);
        assertThat(fixture.starter.running("dashboard_data")).contains(bearer.json().path("runId").asText());
        assertThat(fixture.starter.running("evolution_data")).contains(header.json().path("runId").asText());
    }

    @Test
    void readsAreOpenUnlessConfiguredAndHealthIsAlwaysOpen() {
        assertThat(writesProtected.get("/api/v1/etl/status").status()).isEqualTo(200);

        assertThat(allProtected.get("/api/v1/etl/status").status()).isEqualTo(401);
        assertThat(allProtected.get("/api/v1/etl/runs").status()).isEqualTo(401);
        assertThat(allProtected.request("GET", "/api/v1/etl/status", Map.of("X-API-Key", KEY), null).status()).isEqualTo(200);
        assertThat(allProtected.get("/health").status()).isEqualTo(200);
        assertThat(allProtected.get("/openapi.json").status()).isEqualTo(200);
        assertThat(allProtected.get("/metrics").status()).as("metrics are a read").isEqualTo(401);
        assertThat(allProtected.request("GET", "/metrics", Map.of("Authorization", "Bearer " + KEY), null).status()).isEqualTo(200);
        assertThat(writesProtected.get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void anOversizedChunkedBodyWithTheKeyIs413() {
        byte[] big = ("{\"force\": true, \"pad\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes();

        ApiResponse response = writesProtected.postChunked(REFRESH + "dashboard_data", Map.of("X-API-Key", KEY), big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("error").asText()).isEqualTo("payload_too_large");
        assertThat(fixture.starter.running("dashboard_data")).isEmpty();
    }

    @Test
    void corsHeadersGoOnlyToTheAllowedOrigin() {
        ApiResponse allowed = writesProtected.request("GET", "/api/v1/etl/status", Map.of("Origin", "https://dash.example.com"), null);
        ApiResponse other = writesProtected.request("GET", "/api/v1/etl/status", Map.of("Origin", "https://evil.example.net"), null);
        ApiResponse noCors = allProtected.request("GET", "/health", Map.of("Origin", "https://dash.example.com"), null);

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://dash.example.com");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(noCors.header("Access-Control-Allow-Origin")).as("no CORS_ORIGINS, no CORS").isNull();

        ApiResponse preflight = writesProtected.request("OPTIONS", REFRESH + "dashboard_data", Map.of("Origin", "https://dash.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"), null);
        assertThat(preflight.status()).as("a preflight carries no key and is not refused").isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://dash.example.com");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }
}
