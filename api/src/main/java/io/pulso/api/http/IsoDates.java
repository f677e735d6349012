package io.pulso.api.http;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Strict calendar dates: exactly YYYY-MM-DD and a day that exists (2026-02-30 is refused, not rolled over). */
public final class IsoDates {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private IsoDates() {
    }

    /** The date, or null for null; {@code field} names the option in the error message. */
    public static LocalDate parse(String field, String text) {
        if (text == null) {
            return null;
        }
        if (!SHAPE.matcher(text).matches()) {
            throw ApiException.badRequest("invalid_date", "'" + field + "' must be a date in the form YYYY-MM-DD, got '"
                    + abbreviate(text) + "'");
        }
        try {
            // ISO_LOCAL_DATE resolves strictly: no lenient roll-over of impossible days.
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw ApiException.badRequest("invalid_date", "'" + field + "' is not a real date: " + text + " (" + reason + ")");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
