package io.pulso.api.alerts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.http.ApiException;
import io.pulso.api.http.QueryParams;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /alerts}: open incidents, recent deliveries (newest first) and test requests not sent yet;
 * {@code POST /alerts/test}: 202, a test event queued for the workers' next alert check (within a minute).
 */
public final class AlertRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AlertLog log;
    private final Clock clock;

    public AlertRoutes(AlertLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** What GET /alerts answers. */
    public record AlertsView(List<AlertLog.Incident> openIncidents, List<AlertLog.Delivery> deliveries, long pendingTests,
                             Instant generatedAt) {
    }

    /** What POST /alerts/test answers. */
    public record TestQueuedView(long requestId, String status, String message) {
    }

    public void register(RoutesConfig routes) {
        routes.get(ApiPaths.BASE + "/alerts", this::list);
        routes.post(ApiPaths.BASE + "/alerts/test", this::test);
    }

    private void list(Context ctx) {
        QueryParams query = QueryParams.of(ctx, Set.of("limit"));
        int limit = Optional.ofNullable(query.integer("limit")).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_parameter", "'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        ctx.json(new AlertsView(log.openIncidents(), log.recentDeliveries(limit), log.pendingTests(), clock.instant()));
    }

    private void test(Context ctx) {
        long id = log.requestTest(clock.instant());
        ctx.status(202).json(new TestQueuedView(id, "queued", "the next alert check of the workers (within a minute) "
                + "sends a test event to every ALERT_WEBHOOK_URL; GET " + ApiPaths.BASE + "/alerts shows the deliveries"));
    }
}
