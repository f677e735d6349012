package io.pulso.worker.refresh;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 64-bit digests of the keys each page of a run committed in this worker, so that the finish step can prove in memory
 * that no key was on two pages, instead of the database's exact check (a hash aggregate over every key of the run:
 * about 1.3 s per million keys). It is only ever a proof of absence: when this worker did not load every page of the
 * run (another worker did, the worker restarted, a page was found already committed), when digests were dropped for
 * memory, or when two digests are equal (a repeated key, or a rare collision), the finish step runs the exact check.
 * Keys are digested as Java compares them, which for the pages that carry keys is as PostgreSQL does
 * ({@code CopyRowEncoder#keysComparable}): equal keys have equal digests.
 */
public final class RunKeyDigests {

    /** Digests kept across runs (8 bytes each, 80 MB at most); the runs used least recently are dropped first. */
    public static final long DEFAULT_MAX_KEPT = 10_000_000;

    private final long maxKept;
    private final LinkedHashMap<String, Map<Integer, long[]>> runs = new LinkedHashMap<>(16, 0.75f, true);
    private long kept;

    public RunKeyDigests() {
        this(DEFAULT_MAX_KEPT);
    }

    RunKeyDigests(long maxKept) {
        this.maxKept = maxKept;
    }

    /** Records the keys of a page that has just committed. */
    public void record(String runId, int pageIndex, Set<List<Object>> keys) {
        long[] digests = new long[keys.size()];
        int i = 0;
        for (List<Object> key : keys) {
            digests[i++] = digest(key);
        }
        synchronized (this) {
            Map<Integer, long[]> pages = runs.computeIfAbsent(runId, id -> new HashMap<>());
            long[] before = pages.put(pageIndex, digests);
            kept += digests.length - (before == null ? 0 : before.length);
            Iterator<Map<Integer, long[]>> eldest = runs.values().iterator();
            while (kept > maxKept && eldest.hasNext()) {
                // Dropping the run's own earlier pages too leaves it incomplete: its finish step checks in the database.
                kept -= eldest.next().values().stream().mapToLong(d -> d.length).sum();
                eldest.remove();
            }
        }
    }

    /**
     * Whether the digests prove that no key of the run was on two of its pages: true only when this worker holds the
     * digests of exactly the pages 0 to {@code pages - 1} and no two digests are equal.
     */
    public boolean provesNoKeyOnTwoPages(String runId, int pages) {
        List<long[]> all;
        synchronized (this) {
            Map<Integer, long[]> recorded = runs.get(runId);
            if (recorded == null || recorded.size() != pages) {
                return false;
            }
            all = new ArrayList<>(pages);
            for (int page = 0; page < pages; page++) {
                long[] digests = recorded.get(page);
                if (digests == null) {
                    return false;
                }
                all.add(digests);
            }
        }
        long[] sorted = new long[all.stream().mapToInt(d -> d.length).sum()];
        int at = 0;
        for (long[] digests : all) {
            System.arraycopy(digests, 0, sorted, at, digests.length);
            at += digests.length;
        }
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Drops a run's digests once it is closed. */
    public synchronized void forget(String runId) {
        Map<Integer, long[]> pages = runs.remove(runId);
        if (pages != null) {
            kept -= pages.values().stream().mapToLong(d -> d.length).sum();
        }
    }

    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * FNV-1a over each value (a string's characters, a number's or a date's value: no text made), a separator after
     * each, then a 64-bit finaliser to spread the bits. Equal values give equal digests; other types go by their text.
     */
    static long digest(List<Object> key) {
        long h = 0xcbf29ce484222325L;
        for (Object value : key) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                h = (h ^ ((Number) value).longValue()) * FNV_PRIME;
            } else if (value instanceof LocalDate date) {
                h = (h ^ date.toEpochDay()) * FNV_PRIME;
            } else {
                String text = String.valueOf(value); // a String is itself
                for (int i = 0; i < text.length(); i++) {
                    h = (h ^ text.charAt(i)) * FNV_PRIME;
                }
            }
            h = (h ^ 0x1F) * FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
