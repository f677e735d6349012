package io.pulso.worker.warehouse.bigquery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic job ids and label values. A job id derived from the run, the table and the purpose means a
 * retried Extract finds the job an earlier attempt started instead of running (and paying for) the query again.
 */
final class JobNaming {

    private static final int MAX_LABEL = 63;

    private JobNaming() {
    }

    /**
     * {@code pulso_<table>_<purpose>_<run>_<attempt>}: job ids allow letters, digits, '_' and '-' (1024 at most).
     * The attempt number changes only when an earlier job of the same run ended in a transient error.
     */
    static String jobId(String table, String purpose, String runId, int attempt) {
        return "pulso_" + table + "_" + purpose + "_" + idSafe(runId) + "_" + attempt;
    }

    /** Run ids are UUIDs in practice; anything else is reduced to id-safe characters plus a hash to stay unique. */
    private static String idSafe(String runId) {
        String safe = runId.replaceAll("[^A-Za-z0-9_-]", "_");
        if (safe.equals(runId) && safe.length() <= 200) {
            return safe;
        }
        return (safe.length() > 150 ? safe.substring(0, 150) : safe) + "_" + sha256(runId).substring(0, 16);
    }

    /** Label values: lowercase letters, digits, '_' and '-', at most 63 characters. */
    static String labelValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return lower.length() > MAX_LABEL ? lower.substring(0, MAX_LABEL) : lower;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
