package io.pulso.core.runlog;

import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import java.time.Instant;

/**
 * Which execution-log rows a listing shows; every field is optional (null = no condition).
 *
 * @param startedFrom   runs started at or after this instant
 * @param startedBefore runs started strictly before this instant
 */
public record RunFilter(String table, RunStatus status, Trigger trigger, Instant startedFrom, Instant startedBefore) {

    public static RunFilter of(String table, RunStatus status) {
        return new RunFilter(table, status, null, null, null);
    }
}
