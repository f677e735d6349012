package io.pulso.worker.alert;

import io.pulso.core.refresh.RunStatus;
import java.time.Instant;

/**
 * What the database says about one table for alerting: its latest finished run (null fields when it never ran) and
 * its last success.
 */
record TableHealth(String table, String runId, RunStatus status, String mode, String trigger, String error,
                   int attempts, Instant finishedAt, Instant lastSuccessAt) {
}
