package io.pulso.api.refresh;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.TemporalUiLinks;
import io.pulso.api.http.ApiException;
import io.pulso.api.http.JsonBody;
import io.pulso.api.http.QueryParams;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.AlreadyRunningException;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.StartedRun;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Starting refreshes: one table, or the dashboard group (or a list of tables). */
public final class RefreshRoutes {

    private final TableCatalog catalog;
    private final RefreshStarter starter;
    private final TemporalUiLinks links;
    private final BackfillLimits backfillLimits;

    public RefreshRoutes(TableCatalog catalog, RefreshStarter starter, TemporalUiLinks links) {
        this(catalog, starter, links, BackfillLimits.standard());
    }

    public RefreshRoutes(TableCatalog catalog, RefreshStarter starter, TemporalUiLinks links, BackfillLimits backfillLimits) {
        this.catalog = catalog;
        this.starter = starter;
        this.links = links;
        this.backfillLimits = backfillLimits;
    }

    public void register(RoutesConfig routes) {
        routes.post(ApiPaths.BASE + "/refresh/table/{table}", this::refreshTable);
        routes.post(ApiPaths.BASE + "/refresh/dashboard", this::refreshDashboard);
    }

    private void refreshTable(Context ctx) {
        TableDefinition table = catalog.require(ctx.pathParam("table"));
        RefreshOptions query = RefreshOptions.fromQuery(QueryParams.of(ctx, RefreshOptions.QUERY_NAMES));
        RefreshTableBody body = JsonBody.readOptional(ctx, RefreshTableBody.class);
        RefreshPlan plan = query.merge(body == null ? RefreshOptions.NONE : body.options()).resolve(backfillLimits);
        RefreshRequest request = plan.forTable(table.name()).withOverrides(body == null ? null : body.overrides());
        try {
            StartedRun run = starter.start(request);
            StartedRunView view = StartedRunView.of(run, request, links);
            ctx.header("Location", view.statusUrl()).status(202).json(view);
        } catch (AlreadyRunningException e) {
            AlreadyRunningView conflict = AlreadyRunningView.of(e, links);
            ctx.header("Location", conflict.statusUrl()).status(409).json(conflict);
        }
    }

    /** Every table and option is checked before the first start, so a bad list starts nothing. */
    private void refreshDashboard(Context ctx) {
        RefreshOptions query = RefreshOptions.fromQuery(QueryParams.of(ctx, RefreshOptions.QUERY_NAMES));
        RefreshDashboardBody body = JsonBody.readOptional(ctx, RefreshDashboardBody.class);
        List<String> tables = tables(body);
        RefreshPlan plan = query.merge(body == null ? RefreshOptions.NONE : body.options()).resolve(backfillLimits);

        List<StartedRunView> started = new ArrayList<>();
        List<AlreadyRunningView> alreadyRunning = new ArrayList<>();
        for (String table : tables) {
            RefreshRequest request = plan.forTable(table);
            try {
                started.add(StartedRunView.of(starter.start(request), request, links));
            } catch (AlreadyRunningException e) {
                alreadyRunning.add(AlreadyRunningView.of(e, links));
            }
        }
        if (started.isEmpty()) {
            ctx.status(409).json(DashboardRefreshView.allRunning(alreadyRunning));
        } else {
            ctx.status(202).json(DashboardRefreshView.accepted(started, alreadyRunning));
        }
    }

    private List<String> tables(RefreshDashboardBody body) {
        if (body == null || body.tables() == null) {
            List<String> group = catalog.group(TableCatalog.DASHBOARD_GROUP).stream().map(TableDefinition::name).toList();
            if (group.isEmpty()) {
                throw ApiException.badRequest("invalid_parameters", "no table is in the group '"
                        + TableCatalog.DASHBOARD_GROUP + "'; list the tables to refresh in 'tables'");
            }
            return group;
        }
        if (body.tables().isEmpty()) {
            throw ApiException.badRequest("invalid_parameters", "'tables' is empty; leave it out to refresh the "
                    + TableCatalog.DASHBOARD_GROUP + " group, or list at least one table");
        }
        if (body.tables().contains(null)) {
            throw ApiException.badRequest("invalid_field", "'tables' must list table names, not null");
        }
        List<String> unknown = body.tables().stream().filter(t -> catalog.find(t).isEmpty()).distinct().toList();
        if (!unknown.isEmpty()) {
            throw ApiException.notFound("unknown_table", (unknown.size() == 1 ? "table '" + unknown.get(0) + "' is"
                            : "tables " + String.join(", ", unknown) + " are") + " not configured; known tables: "
                            + String.join(", ", catalog.names()) + "; nothing was started")
                    .with("unknownTables", unknown)
                    .with("knownTables", catalog.names());
        }
        return List.copyOf(new LinkedHashSet<>(body.tables()));
    }
}
