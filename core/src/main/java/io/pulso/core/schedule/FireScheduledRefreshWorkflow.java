package io.pulso.core.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a Temporal Schedule starts at each firing. A Schedule cannot start the refresh itself under the table's fixed id
 * {@code etl-refresh-<table>}: the server appends the firing time to the id of every workflow a schedule starts, which
 * would let a scheduled refresh run beside a manual one. This short workflow starts the refresh under the fixed id (or
 * records that it skipped) and ends.
 */
@WorkflowInterface
public interface FireScheduledRefreshWorkflow {

    @WorkflowMethod(name = "FireScheduledRefresh")
    FireOutcome fire(String table);
}
