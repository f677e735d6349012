package io.pulso.api;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.pulso.api.alerts.AlertLog;
import io.pulso.api.alerts.AlertRoutes;
import io.pulso.api.cleanup.CleanupRoutes;
import io.pulso.api.config.ConfigRoutes;
import io.pulso.api.console.ConsoleRoutes;
import io.pulso.api.health.HealthChecker;
import io.pulso.api.health.HealthRoutes;
import io.pulso.api.http.ErrorMapper;
import io.pulso.api.http.JettyJsonErrors;
import io.pulso.api.http.JsonBody;
import io.pulso.api.metrics.ApiRequestMetrics;
import io.pulso.api.metrics.MetricsRoutes;
import io.pulso.api.metrics.TableFreshnessMetrics;
import io.pulso.api.openapi.OpenApiRoutes;
import io.pulso.api.security.ApiKeyFilter;
import io.pulso.api.security.CorsOrigins;
import io.pulso.api.timescale.TimescaleRoutes;
import io.pulso.api.refresh.RefreshRoutes;
import io.pulso.api.runs.RunControlRoutes;
import io.pulso.api.runs.RunPagesRoutes;
import io.pulso.api.runs.RunRoutes;
import io.pulso.api.schedule.ScheduleRoutes;
import io.pulso.api.status.StatusRoutes;
import io.pulso.core.json.Json;
import io.pulso.core.runs.StaleRunCleaner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: a running Javalin server on a port. The launcher builds {@link ApiDependencies}, calls
 * {@link #start}, and closes the server before the things it depends on.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final HealthChecker health;

    private ApiServer(Javalin app, HealthChecker health) {
        this.app = app;
        this.health = health;
    }

    /** Starts on all interfaces; port 0 picks a free port (see {@link #port()}). */
    public static ApiServer start(ApiDependencies deps, int port) {
        return start(deps, null, port);
    }

    /** Starts on {@code host} (null = all interfaces). */
    public static ApiServer start(ApiDependencies deps, String host, int port) {
        HealthChecker health = new HealthChecker(deps.catalog(), deps.runs(), deps.watermarks(), deps.dataSource(),
                deps.temporalProbe(), deps.clock());
        try {
            Javalin app = create(deps, health);
            app.start(host, port);
            log.info("API listening on port {}", app.port());
            return new ApiServer(app, health);
        } catch (RuntimeException e) {
            health.close();
            throw e;
        }
    }

    private static Javalin create(ApiDependencies deps, HealthChecker health) {
        TemporalUiLinks links = new TemporalUiLinks(deps.temporalUiBaseUrl(), deps.temporalNamespace());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
            cfg.http.defaultContentType = "application/json";
            cfg.http.maxRequestSize = JsonBody.MAX_BYTES;
            // A known path with the wrong method is a 405 naming the allowed ones, not a misleading 404.
            cfg.http.prefer405over404 = true;
            // Requests Jetty rejects itself (huge headers, a NUL in the URI) get the JSON error shape too.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
            new ErrorMapper(deps.catalog()).register(cfg.routes);
            CorsOrigins.configure(cfg, deps.security().corsOrigins());
            new ApiKeyFilter(deps.security()).register(cfg.routes);
            new ApiRequestMetrics(deps.metrics()).register(cfg);
            new MetricsRoutes(deps.metrics(), new TableFreshnessMetrics(deps.catalog(), deps.dataSource(), deps.clock())
                    .bindTo(deps.metrics())).register(cfg.routes);
            new TimescaleRoutes(deps.dataSource()).register(cfg.routes);
            new OpenApiRoutes().register(cfg.routes);
            new RefreshRoutes(deps.catalog(), deps.refreshStarter(), links, deps.backfillLimits()).register(cfg.routes);
            new RunRoutes(deps.catalog(), deps.runs(), deps.refreshStarter(), links).register(cfg.routes);
            new RunPagesRoutes(deps.runs(), deps.dataSource()).register(cfg.routes);
            new StatusRoutes(deps.catalog(), deps.watermarks(), deps.runs(), deps.refreshStarter(), links, deps.clock(),
                    deps.dataSource())
                    .register(cfg.routes);
            new ConfigRoutes(deps.catalog()).register(cfg.routes);
            HealthRoutes healthRoutes = new HealthRoutes(health);
            healthRoutes.register(cfg.routes);
            ConsoleRoutes.configureStaticFiles(cfg);
            new ConsoleRoutes(healthRoutes).register(cfg.routes);
            new ScheduleRoutes(deps.catalog(), deps.scheduler()).register(cfg.routes);
            new RunControlRoutes(deps.catalog(), deps.runs(), deps.refreshStarter(), deps.workflowRuns(), links).register(cfg.routes);
            new CleanupRoutes(new StaleRunCleaner(deps.dataSource(), deps.workflowRuns(), deps.clock())).register(cfg.routes);
            new AlertRoutes(new AlertLog(deps.dataSource()), deps.clock()).register(cfg.routes);
        });
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Every route registered, as Javalin holds them (the OpenAPI coverage test walks this list). Javalin 7 has no
     * public route listing; its internal router (under {@code unsafe}) is the one source that cannot drift.
     */
    public List<RegisteredRoute> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> new RegisteredRoute(e.endpoint.method.name(), e.endpoint.path)).toList();
    }

    /** Stops accepting requests; the database pool and Temporal client stay open (they belong to the caller). */
    @Override
    public void close() {
        app.stop();
        health.close();
    }
}
