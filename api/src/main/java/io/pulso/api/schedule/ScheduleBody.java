package io.pulso.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.http.ApiException;
import io.pulso.core.schedule.InvalidScheduleException;
import io.pulso.core.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * JSON body of {@code PUT /schedules/{table}}. {@code interval} is ISO-8601 ({@code "PT2H"}) or whole seconds
 * ({@code 7200}); {@code cron} a five-field expression; neither = the table's catalog interval. {@code timeZone}
 * defaults to America/Lima, {@code paused} to false.
 */
public record ScheduleBody(JsonNode interval, String cron, String timeZone, Boolean paused) {

    ScheduleSpec spec(Duration catalogInterval) {
        Duration every = parsedInterval();
        if (every == null && (cron == null || cron.isBlank())) {
            every = catalogInterval;
        }
        try {
            return new ScheduleSpec(every, cron, timeZone, Boolean.TRUE.equals(paused));
        } catch (InvalidScheduleException e) {
            throw ApiException.badRequest("invalid_schedule", e.getMessage());
        }
    }

    private Duration parsedInterval() {
        if (interval == null || interval.isNull()) {
            return null;
        }
        if (interval.isIntegralNumber()) {
            return Duration.ofSeconds(interval.asLong());
        }
        if (interval.isTextual()) {
            try {
                return Duration.parse(interval.asText());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("invalid_schedule", "'interval' must be ISO-8601 (for example \"PT2H\") or "
                        + "whole seconds, got \"" + interval.asText() + "\"");
            }
        }
        throw ApiException.badRequest("invalid_schedule", "'interval' must be ISO-8601 text or whole seconds, got " + interval);
    }
}
