package io.pulso.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks a presented API key against the configured one in constant time: both are hashed to SHA-256 first, so
 * {@link MessageDigest#isEqual} compares equal-length digests and neither the time taken nor an early exit tells
 * an attacker how much of a guess was right, or how long the key is. The key itself is not kept.
 */
public final class ApiKeyMatcher {

    /** Shorter keys are guessable; the generated ones are 64 hex characters. */
    public static final int MIN_LENGTH = 16;

    private final byte[] expectedDigest;

    public ApiKeyMatcher(String key) {
        if (key == null || key.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("an API key needs at least " + MIN_LENGTH + " characters");
        }
        this.expectedDigest = sha256(key.strip());
    }

    public boolean matches(String presented) {
        byte[] digest = sha256(presented == null ? "" : presented.strip());
        return MessageDigest.isEqual(expectedDigest, digest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Never the key: this object may end up in a log line. */
    @Override
    public String toString() {
        return "ApiKeyMatcher[key hidden]";
    }
}
