package io.pulso.api.timescale;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import javax.sql.DataSource;

/** {@code GET /api/v1/etl/timescale}: what TimescaleDB does for the dashboard tables, or why it does nothing. */
public final class TimescaleRoutes {

    private final TimescaleInspector inspector;

    public TimescaleRoutes(DataSource dataSource) {
        this.inspector = new TimescaleInspector(dataSource);
    }

    public void register(RoutesConfig routes) {
        routes.get(ApiPaths.BASE + "/timescale", this::report);
    }

    private void report(Context ctx) {
        ctx.json(inspector.inspect());
    }
}
