package io.pulso.core.catalog;

/**
 * How many rows a run may delete as vanished from the source before it is held instead: at most {@code maxShare} of
 * the destination's rows in the run's window, or {@code floorRows}, whichever is larger (so a tiny window can still
 * lose a few rows). A broken source that suddenly returns almost nothing trips it; a deliberate mass deletion passes
 * with a request's override.
 */
public record DeletionGuard(double maxShare, long floorRows) {

    /** 10 % of the window, or 25 rows. */
    public static final DeletionGuard STANDARD = new DeletionGuard(0.10, 25);

    public DeletionGuard {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("deletion guard share must be between 0 and 1, got " + maxShare);
        }
        if (floorRows < 0) {
            throw new IllegalArgumentException("deletion guard floor must be >= 0, got " + floorRows);
        }
    }

    /** The most rows of a window of {@code windowRows} that may go. */
    public long allowedRows(long windowRows) {
        return Math.max(floorRows, (long) Math.floor(maxShare * windowRows));
    }
}
