package io.pulso.api.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: the process's registry (Temporal SDK metrics and, in one-process mode, the refresh metrics). */
public final class MetricsRoutes {

    /** Prometheus text exposition format 0.0.4, what every Prometheus server scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
