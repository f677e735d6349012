package io.pulso.core.schedule;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.runs.WorkflowRuns;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schedules served by one {@link TableScheduleWorkflow} per table, for servers that lack the Schedules API. They live
 * as long as the server keeps its workflows: the embedded server forgets them at restart, so dev recreates them.
 */
public final class CronWorkflowScheduler implements TableScheduler {

    private final WorkflowClient client;
    private final String taskQueue;
    private final TableCatalog catalog;
    private final ScheduleFiringRepository firings;
    private final WorkflowRuns workflows;

    public CronWorkflowScheduler(WorkflowClient client, String taskQueue, TableCatalog catalog, ScheduleFiringRepository firings) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.catalog = catalog;
        this.firings = firings;
        this.workflows = new WorkflowRuns(client);
    }

    @Override
    public String backend() {
        return CRON_WORKFLOW;
    }

    @Override
    public List<ScheduleView> list() {
        List<ScheduleView> views = new ArrayList<>();
        for (String table : catalog.names()) {
            find(table).ifPresent(views::add);
        }
        return views;
    }

    @Override
    public Optional<ScheduleView> find(String table) {
        catalog.require(table);
        if (!running(table)) {
            return Optional.empty();
        }
        FallbackScheduleState state = stub(table).state();
        ScheduleSpec spec = state.spec();
        return Optional.of(new ScheduleView(table, backend(), ScheduleIds.fallback(table), spec.interval(), spec.cron(),
                spec.timeZone(), spec.paused(), state.nextFireAt(), firings.stats(table)));
    }

    @Override
    public boolean put(String table, ScheduleSpec spec) {
        catalog.require(table);
        if (spec.cron() != null) {
            throw new InvalidScheduleException("cron schedules need the Temporal Schedules API, which this Temporal server "
                    + "lacks (backend " + backend() + "); give 'interval' instead");
        }
        if (running(table)) {
            stub(table).update(spec);
            return false;
        }
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(ScheduleIds.fallback(table))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build();
        WorkflowClient.start(client.newWorkflowStub(TableScheduleWorkflow.class, options)::run, table, spec);
        return true;
    }

    @Override
    public void pause(String table) {
        stub(existing(table)).update(currentSpec(table).withPaused(true));
    }

    @Override
    public void resume(String table) {
        stub(existing(table)).update(currentSpec(table).withPaused(false));
    }

    @Override
    public void trigger(String table) {
        stub(existing(table)).trigger();
    }

    @Override
    public void delete(String table) {
        WorkflowStub.fromTyped(stub(existing(table))).terminate("schedule deleted");
    }

    private ScheduleSpec currentSpec(String table) {
        return stub(table).state().spec();
    }

    private String existing(String table) {
        catalog.require(table);
        if (!running(table)) {
            throw new ScheduleNotFoundException(table);
        }
        return table;
    }

    private boolean running(String table) {
        return workflows.status(ScheduleIds.fallback(table), "")
                .filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent();
    }

    private TableScheduleWorkflow stub(String table) {
        return client.newWorkflowStub(TableScheduleWorkflow.class, ScheduleIds.fallback(table));
    }
}
