package io.pulso.app.cli;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random API keys: 32 bytes from a SecureRandom, as 64 hex characters (what `openssl rand -hex 32` gives). */
final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
