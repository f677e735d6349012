package io.pulso.api.security;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.pulso.api.http.ApiException;
import java.util.List;
import java.util.Set;

/**
 * Requires the API key on mutating requests (and on reads when configured), before the route runs. Accepts
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. Health and the OpenAPI document stay open (probes
 * carry no key; the document holds no data); {@code /metrics} is a read like any other (table names and counts), so a
 * Prometheus scraping a key-protected API sends the key as a bearer token. {@code /} (health JSON, or a redirect to the
 * console) and the console's static files are open too. The answer never echoes what was sent.
 */
public final class ApiKeyFilter {

    static final Set<String> ALWAYS_OPEN = Set.of("/health", "/openapi.json", "/", "/console");
    /** The console's static files hold no data: the page asks for the key, then calls the API with it. */
    static final List<String> OPEN_PREFIXES = List.of("/console/", "/webjars/");
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final ApiSecurity security;

    public ApiKeyFilter(ApiSecurity security) {
        this.security = security;
    }

    public void register(RoutesConfig routes) {
        if (security.apiKey() != null) {
            routes.beforeMatched(this::check);
        }
    }

    private void check(Context ctx) {
        HandlerType method = ctx.method();
        if (method == HandlerType.OPTIONS || ALWAYS_OPEN.contains(ctx.path())
                || (READS.contains(method) && OPEN_PREFIXES.stream().anyMatch(ctx.path()::startsWith))) {
            return;
        }
        if (READS.contains(method) && !security.readsRequireKey()) {
            return;
        }
        String presented = presentedKey(ctx);
        if (presented == null) {
            throw unauthorized(ctx, "missing_api_key", "this endpoint needs the API key: send 'Authorization: Bearer <key>' or "
                    + "'X-API-Key: <key>'");
        }
        if (!security.apiKey().matches(presented)) {
            throw unauthorized(ctx, "invalid_api_key", "the API key is not valid");
        }
    }

    private static String presentedKey(Context ctx) {
        String header = ctx.header("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header;
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return null;
    }

    private static ApiException unauthorized(Context ctx, String code, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"pulso\"");
        return new ApiException(401, code, message);
    }
}
