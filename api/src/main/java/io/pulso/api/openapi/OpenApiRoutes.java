package io.pulso.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the hand-written OpenAPI 3 document in {@code openapi.json} next to this class. A route
 * is documented by adding its path and method there; {@code OpenApiCoverageTest} fails for any registered route that
 * is missing from it (or documented without status codes).
 */
public final class OpenApiRoutes {

    public static final String PATH = "/openapi.json";
    private static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
        document();
    }

    /** The document, parsed (read once; a malformed file stops the API at start, not at the first request). */
    public static JsonNode document() {
        try {
            return Json.mapper().readTree(load());
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not valid JSON", e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::serve);
    }

    private void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    private static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
