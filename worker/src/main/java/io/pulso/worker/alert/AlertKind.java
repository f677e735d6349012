package io.pulso.worker.alert;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a notification is about. {@code TEST} is the one sent on request, to check a receiver. */
public enum AlertKind {
    FAILED, HELD, STALE, RECOVERED, TEST;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
