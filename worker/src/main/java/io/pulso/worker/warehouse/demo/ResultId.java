package io.pulso.worker.warehouse.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where the result of one (run, table) extraction is kept: {@code etl_results.r_<first 24 hex of sha256>}.
 * Derived from the run, so a retried activity finds the result of its first attempt.
 *
 * @param value   the result table's name, also the handle's result id
 * @param lockKey advisory lock key for this result (the first 64 bits of the same hash)
 */
record ResultId(String value, long lockKey) {

    private static final Pattern FORMAT = Pattern.compile("r_[0-9a-f]{24}");

    static ResultId of(String runId, String table) {
        byte[] hash = sha256(runId + "/" + table);
        String hex = HexFormat.of().formatHex(hash);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (hash[i] & 0xFF);
        }
        return new ResultId("r_" + hex.substring(0, 24), key);
    }

    /** The result id of a handle, checked before it goes into SQL as a table name. */
    static ResultId parse(String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a demo warehouse result id: " + value);
        }
        return new ResultId(value, HexFormat.fromHexDigitsToLong(value, 2, 18));
    }

    String qualifiedTable() {
        return DemoSourceSchema.RESULT_SCHEMA + "." + value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
