package io.pulso.api.schedule;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.http.ErrorBodies;
import io.pulso.api.http.JsonBody;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.schedule.InvalidScheduleException;
import io.pulso.core.schedule.ScheduleNotFoundException;
import io.pulso.core.schedule.ScheduleSpec;
import io.pulso.core.schedule.TableScheduler;

/**
 * Per-table refresh schedules. Status codes: GET list 200; GET/PUT 404 for a table not in the catalog; PUT 201 created,
 * 200 replaced, 400 invalid spec (or cron on the cron-workflow backend); pause/resume 200, trigger 202, delete 200, each
 * 404 when the table has no schedule. Every answer names the backend.
 */
public final class ScheduleRoutes {

    private static final String SCHEDULES = ApiPaths.BASE + "/schedules";

    private final TableCatalog catalog;
    private final TableScheduler scheduler;

    public ScheduleRoutes(TableCatalog catalog, TableScheduler scheduler) {
        this.catalog = catalog;
        this.scheduler = scheduler;
    }

    public void register(RoutesConfig routes) {
        routes.get(SCHEDULES, ctx -> ctx.json(new ScheduleListResponse(scheduler.backend(),
                scheduler.list().stream().map(ScheduleResponse::of).toList())));
        routes.get(SCHEDULES + "/{table}", ctx -> ctx.json(current(ctx.pathParam("table"))));
        routes.put(SCHEDULES + "/{table}", this::put);
        routes.post(SCHEDULES + "/{table}/pause", ctx -> act(ctx, "paused", 200, scheduler::pause));
        routes.post(SCHEDULES + "/{table}/resume", ctx -> act(ctx, "resumed", 200, scheduler::resume));
        routes.post(SCHEDULES + "/{table}/trigger", ctx -> act(ctx, "triggered", 202, scheduler::trigger));
        routes.delete(SCHEDULES + "/{table}", this::delete);
        routes.exception(InvalidScheduleException.class, (e, ctx) -> ctx.status(400)
                .json(withBackend(ErrorBodies.of("invalid_schedule", e.getMessage(), 400))));
        routes.exception(ScheduleNotFoundException.class, (e, ctx) -> ctx.status(404)
                .json(withBackend(ErrorBodies.of("schedule_not_found", e.getMessage(), 404))));
    }

    private void put(Context ctx) {
        TableDefinition table = catalog.require(ctx.pathParam("table"));
        ScheduleBody body = JsonBody.readOptional(ctx, ScheduleBody.class);
        ScheduleSpec spec = (body == null ? new ScheduleBody(null, null, null, null) : body).spec(table.refreshInterval());
        boolean created = scheduler.put(table.name(), spec);
        ctx.status(created ? 201 : 200).json(new ScheduleActionResponse(created ? "created" : "updated", table.name(),
                scheduler.backend(), current(table.name())));
    }

    private void delete(Context ctx) {
        String table = catalog.require(ctx.pathParam("table")).name();
        scheduler.delete(table);
        ctx.json(new ScheduleActionResponse("deleted", table, scheduler.backend(), null));
    }

    private void act(Context ctx, String action, int status, java.util.function.Consumer<String> operation) {
        String table = catalog.require(ctx.pathParam("table")).name();
        operation.accept(table);
        ctx.status(status).json(new ScheduleActionResponse(action, table, scheduler.backend(), current(table)));
    }

    private ScheduleResponse current(String table) {
        catalog.require(table);
        return scheduler.find(table).map(ScheduleResponse::of).orElseThrow(() -> new ScheduleNotFoundException(table));
    }

    private java.util.Map<String, Object> withBackend(java.util.Map<String, Object> body) {
        body.put("backend", scheduler.backend());
        return body;
    }
}
