package io.pulso.api.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * {@code pulso_api_requests_total{method,route,status}}: every answered request, counted once it is finished (after
 * exception mapping, so a mapped 500 counts as 500). {@code route} is the matched route template
 * ({@code /api/v1/etl/runs/{runId}}), never the raw path, so ids and probes cannot grow the label set; requests that
 * match no route count as {@code unmatched}.
 */
public final class ApiRequestMetrics {

    public static final String UNMATCHED = "unmatched";
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;

    public ApiRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void register(JavalinConfig cfg) {
        cfg.requestLogger.http((ctx, millis) -> count(ctx));
    }

    private void count(Context ctx) {
        Counter.builder("pulso.api.requests").description("HTTP requests answered by the API, by route and status")
                .tags("method", method(ctx), "route", route(ctx), "status", Integer.toString(ctx.statusCode()))
                .register(registry).increment();
    }

    /** Only the methods the API knows; anything else a client invents is "other". */
    private static String method(Context ctx) {
        String name = ctx.method().name();
        return KNOWN_METHODS.contains(name) ? name : "other";
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoints().matchedHttpEndpoint().path;
        } catch (RuntimeException noRouteMatched) {
            return UNMATCHED;
        }
    }
}
