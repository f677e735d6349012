package io.pulso.api.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: the process's registry (Temporal SDK metrics and, in one-process mode, the refresh metrics),
 * with the per-table freshness read from the database just before each scrape.
 */
public final class MetricsRoutes {

    /** Prometheus text exposition format 0.0.4, what every Prometheus server scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final TableFreshnessMetrics freshness;

    public MetricsRoutes(PrometheusMeterRegistry registry, TableFreshnessMetrics freshness) {
        this.registry = registry;
        this.freshness = freshness;
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        freshness.refresh();
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
