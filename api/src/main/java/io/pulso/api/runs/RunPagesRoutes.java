package io.pulso.api.runs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.http.ApiException;
import io.pulso.api.http.QueryParams;
import io.pulso.core.db.DatabaseUnavailableException;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.PageLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code GET /runs/{runId}/pages}: the run's committed pages from the page ledger, in page order, each with its rows by
 * outcome and its commit time: how the run loaded over time (the console charts it). {@code from} (a page index) and
 * {@code limit} page through long runs. 404 for a run the log does not know.
 */
public final class RunPagesRoutes {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 5000;
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final ExecutionLogRepository runs;
    private final DataSource dataSource;

    public RunPagesRoutes(ExecutionLogRepository runs, DataSource dataSource) {
        this.runs = runs;
        this.dataSource = dataSource;
    }

    /** The answer: the pages asked for, and where the next call starts (null after the last page). */
    public record RunPagesView(String runId, List<PageLedger.Page> pages, Integer nextFrom) {
    }

    public void register(RoutesConfig routes) {
        routes.get(ApiPaths.BASE + "/runs/{runId}/pages", this::pages);
    }

    private void pages(Context ctx) {
        String runId = ctx.pathParam("runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw ApiException.badRequest("invalid_run_id", "run id must be 1 to 100 characters of letters, digits, '-' or '_'");
        }
        QueryParams query = QueryParams.of(ctx, Set.of("from", "limit"));
        int from = Optional.ofNullable(query.integer("from")).orElse(0);
        int limit = Optional.ofNullable(query.integer("limit")).orElse(DEFAULT_LIMIT);
        if (from < 0) {
            throw ApiException.badRequest("invalid_parameter", "'from' must be a page index, 0 or more, got " + from);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_parameter", "'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (runs.find(runId).isEmpty()) {
            throw ApiException.notFound("run_not_found", "no run with id '" + runId + "' in the execution log");
        }
        List<PageLedger.Page> pages;
        try (Connection c = dataSource.getConnection()) {
            // One more than asked tells whether a next call has anything to read.
            pages = PageLedger.pages(c, runId, from, limit + 1);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("page ledger not readable: " + e.getMessage(), e);
        }
        boolean more = pages.size() > limit;
        List<PageLedger.Page> shown = more ? pages.subList(0, limit) : pages;
        ctx.json(new RunPagesView(runId, shown, more ? shown.get(shown.size() - 1).pageIndex() + 1 : null));
    }
}
