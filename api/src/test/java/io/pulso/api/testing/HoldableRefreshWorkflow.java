package io.pulso.api.testing;

import io.pulso.core.refresh.RefreshTableWorkflow;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;

/** The refresh workflow type plus a signal that lets a test decide when a run ends. */
@WorkflowInterface
public interface HoldableRefreshWorkflow extends RefreshTableWorkflow {

    @SignalMethod(name = "release")
    void release();
}
