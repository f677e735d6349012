package io.pulso.api.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a schedule request did ({@code created}, {@code updated}, {@code paused}, ...) and the schedule after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleActionResponse(String action, String table, String backend, ScheduleResponse schedule) {
}
