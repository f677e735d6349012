package io.pulso.worker.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification's content. It travels through Temporal (workflow input), so it holds no webhook URL or secret;
 * fields that do not apply to the kind are null (a stale table has no run, a test event has no table).
 *
 * @param kind          failed, held, stale, recovered or test
 * @param table         the destination table
 * @param runId         the run the event is about (the failed or held one; the recovering one)
 * @param mode          the run's mode ({@code incremental}, …)
 * @param trigger       what started the run ({@code api}, {@code schedule}, {@code retry})
 * @param reason        a short error class ({@code timeout}, {@code permission}, {@code held}, …)
 * @param message       the run's error message as the execution log holds it (it never carries row values)
 * @param attempts      how many attempts the run took
 * @param occurredAt    when the run ended, or when staleness was found
 * @param lastSuccessAt the table's last success (stale and recovered events)
 * @param runUrl        the run in the Pulso API, or null when no public API URL is configured
 * @param temporalUrl   the run in the Temporal UI, or null when no Temporal UI URL is configured
 */
public record AlertEvent(AlertKind kind, String table, String runId, String mode, String trigger, String reason,
                         String message, int attempts, Instant occurredAt, Instant lastSuccessAt, String runUrl,
                         String temporalUrl) {

    public AlertEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (kind != AlertKind.TEST) {
            Objects.requireNonNull(table, "table");
        }
    }

    /** One line for people: what happened to which table. */
    public String summary() {
        return switch (kind) {
            case FAILED -> "Pulso: refresh of " + table + " failed" + (reason == null ? "" : " (" + reason + ")");
            case HELD -> "Pulso: refresh of " + table + " was held by the deletion guard";
            case STALE -> "Pulso: " + table + " is stale" + (lastSuccessAt == null ? " (never refreshed successfully)"
                    : " (last successful refresh " + lastSuccessAt + ")");
            case RECOVERED -> "Pulso: " + table + " recovered";
            case TEST -> "Pulso: test notification";
        };
    }
}
