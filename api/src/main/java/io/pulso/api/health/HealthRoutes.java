package io.pulso.api.health;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;

/** Health at the old path and at {@code /health} for load balancers and container probes. */
public final class HealthRoutes {

    private final HealthChecker checker;

    public HealthRoutes(HealthChecker checker) {
        this.checker = checker;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get(ApiPaths.BASE + "/health", this::health);
    }

    /** Answers a request with the health view (also for {@code GET /} from a non-browser client). */
    public void answer(Context ctx) {
        health(ctx);
    }

    private void health(Context ctx) {
        HealthView view = checker.check();
        ctx.status("unhealthy".equals(view.status()) ? 503 : 200).json(view);
    }
}
