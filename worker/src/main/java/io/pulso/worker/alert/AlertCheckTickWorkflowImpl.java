package io.pulso.worker.alert;

public final class AlertCheckTickWorkflowImpl implements AlertCheckTickWorkflow {

    private final AlertCheckActivities checks = AlertDispatch.checks();

    @Override
    public int check() {
        // A failed check fails this run only; the schedule's next tick tries again.
        return AlertDispatch.dispatch(checks.check());
    }
}
