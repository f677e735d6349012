package io.pulso.worker.warehouse.demo;

/**
 * How much demo data to generate.
 *
 * @param days           days of history, ending at the generation's end date (inclusive)
 * @param archivos       assignment files, spread evenly over the days and over the 8 cartera × servicio pairs
 * @param accounts       assigned accounts over all files
 * @param attemptsPerDay nominal contact attempts on a weekday when the usual number of accounts is being worked;
 *                       the real daily volume follows the active portfolio and the weekday
 * @param agents         human agents (the bot comes on top)
 */
public record DemoScale(int days, int archivos, int accounts, int attemptsPerDay, int agents) {

    public DemoScale {
        if (days < 1 || days > 3_660) {
            throw new IllegalArgumentException("days must be between 1 and 3660, got " + days);
        }
        if (archivos < 1) {
            throw new IllegalArgumentException("archivos must be >= 1, got " + archivos);
        }
        if (accounts < archivos) {
            throw new IllegalArgumentException("accounts (" + accounts + ") must be at least archivos (" + archivos + ")");
        }
        if (attemptsPerDay < 0) {
            throw new IllegalArgumentException("attemptsPerDay must be >= 0, got " + attemptsPerDay);
        }
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be >= 1, got " + agents);
        }
    }

    /** About four months of a mid-sized collections operation: what the embedded default serves. */
    public static DemoScale standard() {
        return new DemoScale(120, 40, 30_000, 3_000, 50);
    }

    /** Three weeks, small enough for tests to generate in well under a second. */
    public static DemoScale small() {
        return new DemoScale(21, 8, 1_500, 250, 8);
    }
}
