package io.pulso.core.refresh;

/**
 * Exact row counts of a page or a run. {@code extracted} = rows read from the source; of those,
 * {@code duplicates} repeated a key within their page and were dropped; the rest were {@code inserted},
 * {@code updated} or {@code unchanged}. {@code deleted} rows vanished from the source inside the window;
 * {@code kept} rows vanished too but were kept because the deletion guard held the run.
 */
public record RowCounts(long extracted, long inserted, long updated, long unchanged, long deleted, long duplicates,
                        long kept) {

    public static final RowCounts ZERO = new RowCounts(0, 0, 0, 0, 0, 0, 0);

    /** Counts of a run that deleted nothing and kept nothing (every page's counts). */
    public RowCounts(long extracted, long inserted, long updated, long unchanged, long deleted, long duplicates) {
        this(extracted, inserted, updated, unchanged, deleted, duplicates, 0);
    }

    public RowCounts plus(RowCounts other) {
        return new RowCounts(extracted + other.extracted, inserted + other.inserted, updated + other.updated,
                unchanged + other.unchanged, deleted + other.deleted, duplicates + other.duplicates, kept + other.kept);
    }

    public RowCounts withDeleted(long rowsDeleted) {
        return new RowCounts(extracted, inserted, updated, unchanged, rowsDeleted, duplicates, kept);
    }

    public RowCounts withKept(long rowsKept) {
        return new RowCounts(extracted, inserted, updated, unchanged, deleted, duplicates, rowsKept);
    }
}
