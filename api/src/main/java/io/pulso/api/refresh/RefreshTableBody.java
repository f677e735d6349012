package io.pulso.api.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.core.refresh.GuardOverrides;

/**
 * JSON body of {@code POST /refresh/table/{table}}; every field optional. Dates stay text so they are parsed strictly.
 * {@code allowDeletion} and {@code rewindWatermark} let this run past the safety guards (see {@link GuardOverridesBody}).
 */
public record RefreshTableBody(Boolean force, String mode, Integer days, String from, String to, JsonNode allowDeletion,
                               Boolean rewindWatermark) {

    RefreshOptions options() {
        return RefreshOptions.of(force, mode, days, from, to);
    }

    GuardOverrides overrides() {
        return GuardOverridesBody.parse(allowDeletion, rewindWatermark);
    }
}
