package io.pulso.api.refresh;

import java.util.List;

/**
 * JSON body of {@code POST /refresh/dashboard}: the old {@code force} and {@code tables}, plus the same mode
 * options as a single-table refresh (applied to every listed table).
 */
public record RefreshDashboardBody(Boolean force, String mode, Integer days, String from, String to, List<String> tables) {

    RefreshOptions options() {
        return RefreshOptions.of(force, mode, days, from, to);
    }
}
