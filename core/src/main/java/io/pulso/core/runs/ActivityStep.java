package io.pulso.core.runs;

import java.time.Instant;

/**
 * One activity of a run as its history tells it.
 *
 * @param attempts           the attempt that ran last (1 = no retry); 0 while the first attempt has not started
 * @param outcome            scheduled, started, retrying (in flight past attempt 1), completed, failed, timed_out, cancelled
 * @param failure            why the last attempt failed, timed out or was cancelled
 * @param lastAttemptFailure why the attempt before the last one failed (what made Temporal retry)
 */
public record ActivityStep(String activityId, String type, int attempts, Instant scheduledAt, Instant startedAt,
                           Instant closedAt, Long durationMs, String outcome, String failure, String lastAttemptFailure) {
}
