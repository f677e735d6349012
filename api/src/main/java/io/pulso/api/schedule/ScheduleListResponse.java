package io.pulso.api.schedule;

import java.util.List;

/** Every table's schedule, and which backend serves them. */
public record ScheduleListResponse(String backend, List<ScheduleResponse> schedules) {
}
