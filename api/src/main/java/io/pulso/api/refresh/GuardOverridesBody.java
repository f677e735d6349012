package io.pulso.api.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.http.ApiException;
import io.pulso.core.refresh.GuardOverrides;

/**
 * The guard overrides a refresh or a retry body may carry: {@code "allowDeletion": "all"} or a share of the
 * window's rows ({@code 0.5}), and {@code "rewindWatermark": true}.
 */
public final class GuardOverridesBody {

    private GuardOverridesBody() {
    }

    /** The overrides given, or null when the body gives none. */
    public static GuardOverrides parse(JsonNode allowDeletion, Boolean rewindWatermark) {
        Double share = share(allowDeletion);
        boolean rewind = Boolean.TRUE.equals(rewindWatermark);
        return share == null && !rewind ? null : new GuardOverrides(share, rewind);
    }

    private static Double share(JsonNode allowDeletion) {
        if (allowDeletion == null || allowDeletion.isNull()) {
            return null;
        }
        if (allowDeletion.isTextual() && GuardOverrides.ALL.equals(allowDeletion.textValue())) {
            return 1.0;
        }
        if (allowDeletion.isNumber() && allowDeletion.doubleValue() > 0 && allowDeletion.doubleValue() <= 1) {
            return allowDeletion.doubleValue();
        }
        throw ApiException.badRequest("invalid_field", "'allowDeletion' must be \"all\" or a share of the window's rows "
                + "above 0 and at most 1 (for example 0.5)");
    }
}
