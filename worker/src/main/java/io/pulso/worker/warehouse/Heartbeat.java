package io.pulso.worker.warehouse;

/** Tells the orchestrator that a long step is still alive (a Temporal activity heartbeat, in the worker). */
@FunctionalInterface
public interface Heartbeat {

    Heartbeat NONE = detail -> { };

    /** @param detail a short note of where the step stands, e.g. "job RUNNING" */
    void beat(String detail);
}
