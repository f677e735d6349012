package io.pulso.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.RegisteredRoute;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route the running server registers is in /openapi.json with its status codes, and the document lists no route
 * that does not exist. Routes are read from Javalin at run time, so a newly added route fails here until documented.
 */
class OpenApiCoverageTest {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static ApiTestFixture fixture;
    private static JsonNode served;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
        ApiResponse response = fixture.api.get(OpenApiRoutes.PATH);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        served = response.json();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theDocumentIsOpenApi3() {
        assertThat(served.path("openapi").asText()).startsWith("3.");
        assertThat(served.path("info").path("title").asText()).isNotBlank();
        assertThat(served.path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void everyRegisteredRouteIsDocumentedWithItsStatusCodes() {
        List<RegisteredRoute> routes = fixture.routes().stream().filter(r -> HTTP_METHODS.contains(r.method())).toList();
        assertThat(routes).as("routes read from the running app").hasSizeGreaterThanOrEqualTo(13);

        List<String> problems = new ArrayList<>();
        for (RegisteredRoute route : routes) {
            JsonNode operation = served.path("paths").path(openApiPath(route.path())).path(route.method().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                problems.add(route.method() + " " + route.path() + " is not documented");
                continue;
            }
            JsonNode responses = operation.path("responses");
            if (responses.isEmpty()) {
                problems.add(route.method() + " " + route.path() + " documents no status codes");
            }
            responses.fieldNames().forEachRemaining(code -> {
                if (!code.matches("[1-5][0-9][0-9]")) {
                    problems.add(route.method() + " " + route.path() + " has a bad status code '" + code + "'");
                }
            });
            if (!route.method().equals("GET") && !responses.has("401")) {
                problems.add(route.method() + " " + route.path() + " needs the API key but does not document 401");
            }
            if (route.path().contains("{") && !operation.path("parameters").isArray()) {
                problems.add(route.method() + " " + route.path() + " does not document its path parameters");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDocumentListsNoRouteThatDoesNotExist() {
        Set<String> registered = new HashSet<>();
        fixture.routes().forEach(r -> registered.add(r.method().toLowerCase(Locale.ROOT) + " " + openApiPath(r.path())));

        List<String> stale = new ArrayList<>();
        for (Iterator<String> paths = served.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            served.path("paths").path(path).fieldNames().forEachRemaining(method -> {
                if (!registered.contains(method + " " + path)) {
                    stale.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }
        assertThat(stale).isEmpty();
    }

    /** Javalin writes path parameters as {name} or <name>; OpenAPI as {name}. */
    private static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>]+)>", "{$1}");
    }
}
