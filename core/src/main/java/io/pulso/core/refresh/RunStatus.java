package io.pulso.core.refresh;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Status of a run in the execution log. {@code HELD}: the run loaded its pages but a guard (the deletion guard)
 * stopped it short of finishing: nothing was deleted, the watermark did not move; its message says how to proceed.
 */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED, ABANDONED, HELD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static RunStatus fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }

    public boolean finished() {
        return this != RUNNING;
    }

    /** Ended without its result fully applied: someone should look (failed, abandoned, held). */
    public boolean needsAttention() {
        return this == FAILED || this == ABANDONED || this == HELD;
    }
}
