package io.pulso.core.refresh;

import com.fasterxml.jackson.annotation.JsonValue;

/** What started a run. */
public enum Trigger {
    API, SCHEDULE, RETRY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
