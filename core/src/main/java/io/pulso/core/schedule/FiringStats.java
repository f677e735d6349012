package io.pulso.core.schedule;

/** A table's firings so far: the last one (null if none) and how many started or skipped a refresh. */
public record FiringStats(FireOutcome last, long started, long skipped, long failed) {

    public static final FiringStats NONE = new FiringStats(null, 0, 0, 0);
}
