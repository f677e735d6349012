package io.pulso.api.cleanup;

import io.javalin.config.RoutesConfig;
import io.pulso.api.ApiPaths;
import io.pulso.core.runs.AbandonedRun;
import io.pulso.core.runs.StaleRunCleaner;
import java.util.List;

/**
 * {@code POST /cleanup} (the old path): closes as abandoned the runs still marked running whose workflow no longer runs,
 * and lists them (200, possibly empty). Unlike the old system it does not retry failed tables by itself: that is
 * {@code POST /runs/{runId}/retry}, an explicit choice per run.
 */
public final class CleanupRoutes {

    private final StaleRunCleaner cleaner;

    public CleanupRoutes(StaleRunCleaner cleaner) {
        this.cleaner = cleaner;
    }

    public void register(RoutesConfig routes) {
        routes.post(ApiPaths.BASE + "/cleanup", ctx -> {
            List<AbandonedRun> closed = cleaner.closeStale();
            ctx.json(new CleanupView(closed.size(), closed));
        });
    }

    /** What the cleanup closed. */
    public record CleanupView(int abandonedCount, List<AbandonedRun> abandoned) {
    }
}
