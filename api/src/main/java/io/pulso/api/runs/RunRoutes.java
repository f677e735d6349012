package io.pulso.api.runs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.TemporalUiLinks;
import io.pulso.api.http.ApiException;
import io.pulso.api.http.IsoDates;
import io.pulso.api.http.QueryParams;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.RefreshProgress;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunFilter;
import io.pulso.core.runlog.RunRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The execution log: a filtered, paged list and single runs (with live progress while they run). */
public final class RunRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** Temporal run ids are UUIDs; this leaves room for other id schemes while refusing anything odd. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Logger log = LoggerFactory.getLogger(RunRoutes.class);

    private final TableCatalog catalog;
    private final ExecutionLogRepository runs;
    private final RefreshStarter starter;
    private final TemporalUiLinks links;

    public RunRoutes(TableCatalog catalog, ExecutionLogRepository runs, RefreshStarter starter, TemporalUiLinks links) {
        this.catalog = catalog;
        this.runs = runs;
        this.starter = starter;
        this.links = links;
    }

    public void register(RoutesConfig routes) {
        routes.get(ApiPaths.BASE + "/runs", this::list);
        routes.get(ApiPaths.BASE + "/runs/{runId}", this::get);
    }

    /**
     * An unknown {@code table} filter is a 400, not a 404: the collection exists, the filter is wrong; answering
     * an empty list would hide a typo.
     */
    private void list(Context ctx) {
        QueryParams query = QueryParams.of(ctx, Set.of("table", "status", "trigger", "from", "to", "limit", "offset"));
        String table = query.text("table");
        if (table != null && catalog.find(table).isEmpty()) {
            throw ApiException.badRequest("unknown_table_filter", "unknown table filter '" + table + "'; known tables: "
                    + String.join(", ", catalog.names())).with("knownTables", catalog.names());
        }
        RunStatus status = status(query.text("status"));
        int limit = Optional.ofNullable(query.integer("limit")).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_parameter", "'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        int offset = Optional.ofNullable(query.integer("offset")).orElse(0);
        if (offset < 0) {
            throw ApiException.badRequest("invalid_parameter", "'offset' must be 0 or more, got " + offset);
        }
        Trigger trigger = trigger(query.text("trigger"));
        LocalDate from = IsoDates.parse("from", query.text("from"));
        LocalDate to = IsoDates.parse("to", query.text("to"));
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badRequest("invalid_parameter", "'to' (" + to + ") is before 'from' (" + from + ")");
        }
        // Dates are UTC days, both inclusive: to=2026-03-01 keeps runs started on that day.
        RunFilter filter = new RunFilter(table, status, trigger, from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<RunView> page = runs.list(filter, limit, offset).stream().map(r -> RunView.of(r, links, null)).toList();
        long total = runs.count(filter);
        ctx.json(new RunListView(page, total, limit, offset, table, status == null ? null : status.wireName()));
    }

    private void get(Context ctx) {
        String runId = ctx.pathParam("runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw ApiException.badRequest("invalid_run_id", "run id must be 1 to 100 characters of letters, digits, '-' "
                    + "or '_'" + (runId.length() <= 100 ? ", got '" + runId + "'" : ", got " + runId.length() + " characters"));
        }
        Optional<RunRecord> run = runs.find(runId);
        if (run.isPresent()) {
            RunRecord record = run.get();
            RefreshProgress progress = record.status() == RunStatus.RUNNING ? liveProgress(record) : null;
            ctx.json(RunView.of(record, links, progress));
            return;
        }
        for (String table : catalog.names()) {
            if (starter.running(table).filter(runId::equals).isPresent()) {
                String workflowId = WorkflowIds.refresh(table);
                ctx.json(new StartingRunView(runId, table, "starting", workflowId, links.run(workflowId, runId)));
                return;
            }
        }
        throw ApiException.notFound("run_not_found", "no run with id '" + runId + "' in the execution log or running now");
    }

    /** Progress is a bonus on top of the log row: if Temporal cannot answer, the row is still served. */
    private RefreshProgress liveProgress(RunRecord run) {
        try {
            return starter.progress(run.table(), run.runId()).orElse(null);
        } catch (RuntimeException e) {
            log.debug("no live progress for run {}: {}", run.runId(), e.toString());
            return null;
        }
    }

    private static Trigger trigger(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(Trigger.values()).filter(t -> t.wireName().equals(text)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_parameter", "'trigger' must be one of "
                        + Arrays.stream(Trigger.values()).map(Trigger::wireName).collect(Collectors.joining(", "))
                        + ", got '" + text + "'"));
    }

    private static RunStatus status(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(RunStatus.values()).filter(s -> s.wireName().equals(text)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_parameter", "'status' must be one of "
                        + Arrays.stream(RunStatus.values()).map(RunStatus::wireName).collect(Collectors.joining(", "))
                        + ", got '" + text + "'"));
    }
}
