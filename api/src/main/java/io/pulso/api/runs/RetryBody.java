package io.pulso.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.refresh.GuardOverridesBody;
import io.pulso.core.refresh.GuardOverrides;

/** Optional JSON body of {@code POST /runs/{runId}/retry}: guard overrides for the new run (else the retried run's). */
public record RetryBody(JsonNode allowDeletion, Boolean rewindWatermark) {

    GuardOverrides overrides() {
        return GuardOverridesBody.parse(allowDeletion, rewindWatermark);
    }
}
