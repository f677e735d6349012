package io.pulso.core.schedule;

import java.time.Instant;

/** What the fallback schedule workflow answers: its spec and when it fires next (null when paused). */
public record FallbackScheduleState(ScheduleSpec spec, Instant nextFireAt) {
}
