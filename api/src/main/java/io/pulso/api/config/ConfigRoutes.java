package io.pulso.api.config;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.RefreshMode;
import java.util.Arrays;
import java.util.List;

/** Read-only configuration: the catalog's tables and the refresh modes. */
public final class ConfigRoutes {

    private final TableCatalog catalog;

    public ConfigRoutes(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(RoutesConfig routes) {
        routes.get(ApiPaths.BASE + "/config/tables", this::tables);
        routes.get(ApiPaths.BASE + "/config/extraction-modes", ConfigRoutes::modes);
    }

    private void tables(Context ctx) {
        List<TableConfigView> tables = catalog.all().stream().map(TableConfigView::of).toList();
        ctx.json(new TablesView(tables));
    }

    private static void modes(Context ctx) {
        List<ExtractionModeView> modes = Arrays.stream(RefreshMode.values()).map(ExtractionModeView::of).toList();
        ctx.json(new ModesView(RefreshMode.INCREMENTAL.wireName(), modes));
    }

    record TablesView(List<TableConfigView> tables) {
    }

    record ModesView(String defaultMode, List<ExtractionModeView> modes) {
    }
}
