package io.pulso.api.http;

import io.javalin.http.Context;
import io.pulso.core.config.AsciiNumbers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query parameters of one request, checked against the names a route accepts: a misspelt option
 * ({@code ?dys=7}) is a 400, never silently ignored.
 */
public final class QueryParams {

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParams of(Context ctx, Set<String> allowed) {
        Map<String, List<String>> values = ctx.queryParamMap();
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown_parameter", "unknown query parameter '" + name
                        + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return new QueryParams(values);
    }

    /** The value, or null when absent; a parameter repeated with different values is a 400. */
    public String text(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        String first = given.get(0);
        if (given.stream().anyMatch(v -> !v.equals(first))) {
            throw ApiException.badRequest("conflicting_parameters", "query parameter '" + name
                    + "' is given more than once with different values: " + String.join(", ", given));
        }
        return first;
    }

    public Integer integer(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            // ASCII digits only: Integer.valueOf would read a full-width '７' as 7.
            return AsciiNumbers.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "query parameter '" + name
                    + "' must be a whole number, got '" + text + "'");
        }
    }

    /** Accepts the spellings the old FastAPI service accepted for booleans. */
    public Boolean bool(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ApiException.badRequest("invalid_parameter", "query parameter '" + name
                    + "' must be true or false, got '" + text + "'");
        };
    }
}
