package io.pulso.core.refresh;

import com.fasterxml.jackson.annotation.JsonValue;

/** Status of a run in the execution log. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED, ABANDONED;

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
}
