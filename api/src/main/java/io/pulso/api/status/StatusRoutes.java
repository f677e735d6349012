package io.pulso.api.status;

import io.grpc.StatusRuntimeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.TemporalUiLinks;
import io.pulso.api.runs.RunView;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.WatermarkRecord;
import io.pulso.core.runlog.WatermarkRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Where each table stands. The overview reads only the database (so it answers while Temporal is down); the
 * per-table page adds the live run from Temporal when it can.
 */
public final class StatusRoutes {

    static final int RECENT_RUNS = 10;

    private final TableCatalog catalog;
    private final WatermarkRepository watermarks;
    private final ExecutionLogRepository runs;
    private final RefreshStarter starter;
    private final TemporalUiLinks links;
    private final Clock clock;
    private final TableRowCounter rowCounter;

    public StatusRoutes(TableCatalog catalog, WatermarkRepository watermarks, ExecutionLogRepository runs,
                        RefreshStarter starter, TemporalUiLinks links, Clock clock, DataSource dataSource) {
        this.catalog = catalog;
        this.watermarks = watermarks;
        this.runs = runs;
        this.starter = starter;
        this.links = links;
        this.clock = clock;
        this.rowCounter = new TableRowCounter(dataSource);
    }

    public void register(RoutesConfig routes) {
        routes.get(ApiPaths.BASE + "/status", this::overview);
        routes.get(ApiPaths.BASE + "/status/table/{table}", this::table);
    }

    private void overview(Context ctx) {
        Map<String, WatermarkRecord> byTable = watermarks.all().stream()
                .collect(Collectors.toMap(WatermarkRecord::table, Function.identity()));
        int successful = 0;
        int failed = 0;
        int running = 0;
        int cancelled = 0;
        int neverRun = 0;
        List<TableSummary> tables = new ArrayList<>();
        for (TableDefinition table : catalog.all()) {
            Optional<WatermarkRecord> mark = Optional.ofNullable(byTable.get(table.name()));
            RunStatus last = mark.map(WatermarkRecord::lastStatus).orElse(null);
            if (last == null) {
                neverRun++;
            } else {
                switch (last) {
                    case SUCCEEDED -> successful++;
                    case FAILED, ABANDONED, HELD -> failed++;
                    case RUNNING -> running++;
                    case CANCELLED -> cancelled++;
                }
            }
            tables.add(new TableSummary(table.name(), last == null ? "never_run" : last.wireName(),
                    mark.map(WatermarkRecord::watermark).orElse(null),
                    mark.map(WatermarkRecord::lastSuccessAt).orElse(null),
                    mark.map(WatermarkRecord::lastFinishedAt).orElse(null),
                    nextScheduled(table, mark.orElse(null))));
        }
        List<ActivityView> recent = runs.list(null, null, RECENT_RUNS, 0).stream().map(ActivityView::of).toList();
        TableCounts counts = new TableCounts(catalog.all().size(), successful, failed, running, cancelled, neverRun);
        ctx.json(new StatusView(failed == 0 ? "healthy" : "degraded", clock.instant(), counts, tables, recent));
    }

    private void table(Context ctx) {
        TableDefinition table = catalog.require(ctx.pathParam("table"));
        Optional<WatermarkRecord> mark = watermarks.find(table.name());
        RunView lastRun = runs.list(table.name(), null, 1, 0).stream().findFirst()
                .map(r -> RunView.of(r, links, null)).orElse(null);
        List<String> warnings = new ArrayList<>();
        RunningView running = running(table.name(), warnings);
        Instant next = nextScheduled(table, mark.orElse(null));
        TableRowCounter.RowCount rows = rowCounter.count(table.name());
        ctx.json(new TableStatusView(table.name(), table.group().orElse(null),
                mark.map(WatermarkRecord::watermark).orElse(null),
                mark.map(WatermarkRecord::lastStatus).orElse(null),
                mark.map(WatermarkRecord::lastRunId).orElse(null),
                mark.map(WatermarkRecord::lastStartedAt).orElse(null),
                mark.map(WatermarkRecord::lastFinishedAt).orElse(null),
                mark.map(WatermarkRecord::lastSuccessAt).orElse(null),
                next, next != null && next.isBefore(clock.instant()), table.refreshInterval().toString(),
                mark.map(WatermarkRecord::lastError).orElse(null), lastRun, running, warnings,
                rows == null ? null : rows.rows(), rows != null && rows.exact()));
    }

    private RunningView running(String table, List<String> warnings) {
        try {
            return starter.running(table).map(runId -> {
                String workflowId = WorkflowIds.refresh(table);
                return new RunningView(runId, workflowId, ApiPaths.run(runId),
                        starter.queryProgress(table, runId).orElse(null), links.run(workflowId, runId));
            }).orElse(null);
        } catch (StatusRuntimeException e) {
            warnings.add("Temporal unavailable (" + e.getStatus().getCode() + "): the run in progress, if any, is not shown");
            return null;
        }
    }

    private static Instant nextScheduled(TableDefinition table, WatermarkRecord mark) {
        if (mark == null || mark.lastSuccessAt() == null) {
            return null;
        }
        return mark.lastSuccessAt().plus(table.refreshInterval());
    }
}
