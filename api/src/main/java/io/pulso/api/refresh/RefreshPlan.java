package io.pulso.api.refresh;

import io.pulso.api.http.ApiException;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.Trigger;
import java.time.LocalDate;

/** A mode with parameters that passed {@link RefreshRequest#validate}; applicable to any table. */
record RefreshPlan(RefreshMode mode, Integer days, LocalDate from, LocalDate to) {

    static RefreshPlan of(RefreshMode mode, Integer days, LocalDate from, LocalDate to, BackfillLimits limits) {
        try {
            RefreshRequest.validate(mode, days, from, to);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_parameters", e.getMessage());
        }
        String outOfBounds = mode == RefreshMode.BACKFILL ? limits.problem(from, to) : null;
        if (outOfBounds != null) {
            throw ApiException.badRequest("invalid_parameters", outOfBounds);
        }
        return new RefreshPlan(mode, days, from, to);
    }

    RefreshRequest forTable(String table) {
        return new RefreshRequest(table, mode, days, from, to, Trigger.API, null);
    }
}
