package io.pulso.api.refresh;

import io.pulso.api.http.ApiException;
import io.pulso.api.http.IsoDates;
import io.pulso.api.http.QueryParams;
import io.pulso.core.refresh.RefreshMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * Refresh options as one source (query string or body) gave them; null means "not given". Both sources are
 * accepted because old clients send {@code ?force=true}; a field given both ways must agree.
 */
record RefreshOptions(Boolean force, RefreshMode mode, Integer days, LocalDate from, LocalDate to) {

    static final Set<String> QUERY_NAMES = Set.of("force", "mode", "days", "from", "to");
    static final RefreshOptions NONE = new RefreshOptions(null, null, null, null, null);

    static RefreshOptions of(Boolean force, String mode, Integer days, String from, String to) {
        return new RefreshOptions(force, mode(mode), days, IsoDates.parse("from", from), IsoDates.parse("to", to));
    }

    static RefreshOptions fromQuery(QueryParams query) {
        return of(query.bool("force"), query.text("mode"), query.integer("days"), query.text("from"), query.text("to"));
    }

    /** Query options combined with body options (either may be {@link #NONE}). */
    RefreshOptions merge(RefreshOptions body) {
        return new RefreshOptions(pick("force", force, body.force), pick("mode", mode, body.mode),
                pick("days", days, body.days), pick("from", from, body.from), pick("to", to, body.to));
    }

    /**
     * Chooses the mode: an explicit mode wins; {@code force: true} means full_refresh; {@code days} alone means
     * sliding_window; {@code from}/{@code to} alone mean backfill; otherwise incremental. The mode's own rules
     * (which parameters it takes, their ranges) are {@code RefreshRequest.validate}'s.
     */
    RefreshPlan resolve(BackfillLimits limits) {
        boolean forced = Boolean.TRUE.equals(force);
        boolean range = from != null || to != null;
        RefreshMode chosen;
        if (mode != null) {
            if (forced && mode != RefreshMode.FULL_REFRESH) {
                throw ApiException.badRequest("conflicting_parameters", "'force: true' asks for full_refresh and cannot be "
                        + "combined with mode " + mode.wireName() + "; drop 'force' or the mode");
            }
            chosen = mode;
        } else if (forced) {
            chosen = RefreshMode.FULL_REFRESH;
        } else if (days != null && range) {
            throw ApiException.badRequest("conflicting_parameters", "give either 'days' (sliding_window) or "
                    + "'from'/'to' (backfill), not both");
        } else if (days != null) {
            chosen = RefreshMode.SLIDING_WINDOW;
        } else if (range) {
            chosen = RefreshMode.BACKFILL;
        } else {
            chosen = RefreshMode.INCREMENTAL;
        }
        return RefreshPlan.of(chosen, days, from, to, limits);
    }

    private static RefreshMode mode(String wireName) {
        if (wireName == null) {
            return null;
        }
        try {
            return RefreshMode.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_mode", e.getMessage());
        }
    }

    private static <T> T pick(String name, T fromQuery, T fromBody) {
        if (fromQuery != null && fromBody != null && !Objects.equals(fromQuery, fromBody)) {
            throw ApiException.badRequest("conflicting_parameters", "'" + name + "' is given in the query ("
                    + text(fromQuery) + ") and in the body (" + text(fromBody) + ") with different values");
        }
        return fromQuery != null ? fromQuery : fromBody;
    }

    private static String text(Object value) {
        return value instanceof RefreshMode m ? m.wireName() : String.valueOf(value);
    }
}
