package io.pulso.app.runtime;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import io.pulso.core.runs.RunLedgerPruner;
import java.time.Duration;

/**
 * How often a worker does its periodic upkeep, read once at start.
 *
 * @param staleSweepInterval  {@code STALE_RUN_SWEEP_INTERVAL} (seconds, 0 = off): how often the worker closes as
 *                            abandoned the log rows left running by a workflow that no longer runs (the API also does
 *                            it at start and on {@code POST /cleanup})
 * @param ledgerPruneInterval {@code LEDGER_PRUNE_INTERVAL} (seconds, 0 = off): how often it prunes the page ledger and
 *                            the run keys of ended runs
 * @param retentionMonths     {@code LEDGER_RETENTION_MONTHS}: how long ledger rows of ended runs are kept; the execution
 *                            log's retention on TimescaleDB (6 months, V3) by default
 */
public record MaintenanceSettings(Duration staleSweepInterval, Duration ledgerPruneInterval, int retentionMonths) {

    public static final Duration DEFAULT_STALE_SWEEP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LEDGER_PRUNE_INTERVAL = Duration.ofHours(1);
    static final int SWEEP_MIN = 10;
    static final int SWEEP_MAX = 86_400;
    static final int PRUNE_MIN = 60;
    static final int PRUNE_MAX = 7 * 86_400;
    static final int RETENTION_MAX = 120;

    public MaintenanceSettings {
        if (staleSweepInterval.isNegative() || ledgerPruneInterval.isNegative() || retentionMonths < 1) {
            throw new IllegalArgumentException("maintenance intervals must not be negative, retention at least 1 month");
        }
    }

    public static MaintenanceSettings standard() {
        return new MaintenanceSettings(DEFAULT_STALE_SWEEP_INTERVAL, DEFAULT_LEDGER_PRUNE_INTERVAL,
                RunLedgerPruner.DEFAULT_RETENTION_MONTHS);
    }

    /** Reads and validates {@code STALE_RUN_SWEEP_INTERVAL}, {@code LEDGER_PRUNE_INTERVAL}, {@code LEDGER_RETENTION_MONTHS}. */
    public static MaintenanceSettings fromEnv(Env env) {
        Duration sweep = intervalOrOff(env, "STALE_RUN_SWEEP_INTERVAL", DEFAULT_STALE_SWEEP_INTERVAL, SWEEP_MIN, SWEEP_MAX);
        Duration prune = intervalOrOff(env, "LEDGER_PRUNE_INTERVAL", DEFAULT_LEDGER_PRUNE_INTERVAL, PRUNE_MIN, PRUNE_MAX);
        int months = env.integer("LEDGER_RETENTION_MONTHS", RunLedgerPruner.DEFAULT_RETENTION_MONTHS, 1, RETENTION_MAX);
        return new MaintenanceSettings(sweep, prune, months);
    }

    private static Duration intervalOrOff(Env env, String name, Duration fallback, int min, int max) {
        int seconds = env.integer(name, (int) fallback.toSeconds(), 0, max);
        if (seconds != 0 && seconds < min) {
            throw new ConfigException(name + " must be 0 (off) or between " + min + " and " + max + " seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
