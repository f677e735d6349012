package io.pulso.api.security;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Who may call the API, read once at start: the API key (null = no key checks), whether reads need it too, and the
 * browser origins allowed by CORS (none by default).
 *
 * @param apiKey             the configured key, or null when none is configured
 * @param readsRequireKey    GET routes need the key as well ({@code /health}, {@code /metrics} excepted)
 * @param corsOrigins        exact origins such as {@code https://dashboard.example.com}
 */
public record ApiSecurity(ApiKeyMatcher apiKey, boolean readsRequireKey, List<String> corsOrigins) {

    public static final String PRODUCTION = "production";

    public ApiSecurity {
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        if (readsRequireKey && apiKey == null) {
            throw new ConfigException("API_READ_REQUIRES_KEY=true needs API_KEY");
        }
    }

    /** No key and no CORS: the embedded default and tests that are not about security. */
    public static ApiSecurity open() {
        return new ApiSecurity(null, false, List.of());
    }

    public static ApiSecurity withKey(String key) {
        return new ApiSecurity(new ApiKeyMatcher(key), false, List.of());
    }

    /**
     * From {@code API_KEY}, {@code API_READ_REQUIRES_KEY}, {@code CORS_ORIGINS} and {@code PULSO_ENV}; in production
     * a missing key stops the process, since every client could otherwise start refreshes.
     */
    public static ApiSecurity fromEnv(Env env) {
        String environment = env.get("PULSO_ENV", "development").strip().toLowerCase(Locale.ROOT);
        if (!environment.equals(PRODUCTION) && !environment.equals("development")) {
            throw new ConfigException("PULSO_ENV must be production or development, got '" + environment + "'");
        }
        String key = env.get("API_KEY");
        ApiKeyMatcher matcher = null;
        if (key != null && !key.isBlank()) {
            if (key.strip().length() < ApiKeyMatcher.MIN_LENGTH) {
                throw new ConfigException("API_KEY is too short: use at least " + ApiKeyMatcher.MIN_LENGTH
                        + " characters (openssl rand -hex 32)");
            }
            matcher = new ApiKeyMatcher(key);
        } else if (environment.equals(PRODUCTION)) {
            throw new ConfigException("PULSO_ENV=production requires API_KEY (generate one with: openssl rand -hex 32)");
        }
        return new ApiSecurity(matcher, env.flag("API_READ_REQUIRES_KEY", false), origins(env.get("CORS_ORIGINS")));
    }

    private static List<String> origins(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> origins = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (origin.equals("*") || !origin.matches("https?://[^/\\s]+")) {
                throw new ConfigException("CORS_ORIGINS must list origins like https://dashboard.example.com "
                        + "(scheme and host, no path, no '*'), got '" + origin + "'");
            }
        }
        return origins;
    }
}
