package io.pulso.core.refresh;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One refresh of one table. Its workflow id is {@link WorkflowIds#refresh(String)}: one run per table at a time. */
@WorkflowInterface
public interface RefreshTableWorkflow {

    @WorkflowMethod(name = "RefreshTable")
    RefreshResult refresh(RefreshRequest request);

    @QueryMethod(name = "progress")
    RefreshProgress progress();
}
