package io.pulso.app.runtime;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.SearchAttributeRegistration;
import io.pulso.core.runs.AbandonedRun;
import io.pulso.core.runs.StaleRunCleaner;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.schedule.DefaultSchedules;
import io.pulso.core.schedule.ScheduleFiringRepository;
import io.pulso.core.schedule.SchedulerSelection;
import io.pulso.core.schedule.TableScheduler;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an API process sets up before it serves: search attributes where the server allows them, runs left "running" by
 * a lost workflow closed as abandoned, the schedule backend chosen, and (unless SCHEDULES=off) the default schedules.
 *
 * @param searchAttributes whether refresh starts may carry PulsoTable / PulsoTrigger
 */
public record RunOperations(TableScheduler scheduler, WorkflowRuns workflowRuns, boolean searchAttributes) {

    private static final Logger log = LoggerFactory.getLogger(RunOperations.class);

    public static RunOperations prepare(TemporalConnection temporal, DataSource dataSource, TableCatalog catalog,
                                        boolean createDefaultSchedules) {
        boolean searchAttributes = SearchAttributeRegistration.register(temporal.client());
        WorkflowRuns workflowRuns = new WorkflowRuns(temporal.client());
        List<AbandonedRun> abandoned = new StaleRunCleaner(dataSource, workflowRuns, Clock.systemUTC()).closeStale();
        if (!abandoned.isEmpty()) {
            log.warn("closed {} stale run(s) as abandoned: {}", abandoned.size(), abandoned.stream().map(AbandonedRun::runId).toList());
        }
        TableScheduler scheduler = SchedulerSelection.choose(temporal.client(), temporal.config().taskQueue(), catalog,
                new ScheduleFiringRepository(dataSource));
        if (createDefaultSchedules) {
            DefaultSchedules.ensure(scheduler, catalog);
        } else {
            log.info("SCHEDULES=off: no default schedules created");
        }
        return new RunOperations(scheduler, workflowRuns, searchAttributes);
    }
}
