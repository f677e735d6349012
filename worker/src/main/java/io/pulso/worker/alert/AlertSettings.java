package io.pulso.worker.alert;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how notifications go, validated once at start. Webhook URLs often carry their secret in the path or the
 * query (Slack's do), so they are never logged or shown whole: {@link #redacted(URI)} keeps scheme, host and port.
 *
 * @param webhooks  the receivers, in the order of {@code ALERT_WEBHOOK_URL}; empty = notifications off
 * @param format    the body of every POST
 * @param secret    key of the HMAC-SHA256 signature header, or empty for unsigned POSTs
 * @param reminder  how long an open incident stays quiet before it is sent again
 * @param timeout   how long one POST may take (connect and answer)
 * @param checkEvery seconds between two looks for due notifications ({@code ALERT_CHECK_INTERVAL}, 5-3600, default 60)
 */
public record AlertSettings(List<URI> webhooks, AlertFormat format, Optional<String> secret, Duration reminder,
                            Duration timeout, int checkEvery) {

    public static final String URLS = "ALERT_WEBHOOK_URL";
    public static final String FORMAT = "ALERT_WEBHOOK_FORMAT";
    public static final String SECRET = "ALERT_WEBHOOK_SECRET";
    public static final String REMINDER = "ALERT_REMINDER";
    public static final String CHECK_INTERVAL = "ALERT_CHECK_INTERVAL";
    public static final int DEFAULT_CHECK_SECONDS = 60;
    public static final Duration DEFAULT_REMINDER = Duration.ofHours(6);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MIN_REMINDER = Duration.ofMinutes(5);
    private static final Duration MAX_REMINDER = Duration.ofDays(7);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([smhd]?)");

    public AlertSettings {
        webhooks = List.copyOf(webhooks);
    }

    /** No receiver: nothing is sent. */
    public static AlertSettings off() {
        return new AlertSettings(List.of(), AlertFormat.JSON, Optional.empty(), DEFAULT_REMINDER, DEFAULT_TIMEOUT,
                DEFAULT_CHECK_SECONDS);
    }

    public static AlertSettings fromEnv(Env env) {
        List<URI> webhooks = new ArrayList<>();
        String urls = env.get(URLS);
        if (urls != null) {
            String[] parts = urls.split(",");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    webhooks.add(webhook(parts[i].strip(), i + 1));
                }
            }
        }
        AlertFormat format = AlertFormat.parse(env.get(FORMAT, "json"));
        String secret = env.get(SECRET);
        if (secret != null && secret.length() < 16) {
            throw new ConfigException(SECRET + " must be at least 16 characters (openssl rand -hex 32)");
        }
        return new AlertSettings(webhooks, format, Optional.ofNullable(secret), reminder(env.get(REMINDER)), DEFAULT_TIMEOUT,
                env.integer(CHECK_INTERVAL, DEFAULT_CHECK_SECONDS, 5, 3600));
    }

    public boolean enabled() {
        return !webhooks.isEmpty();
    }

    /** The webhook as it may appear in logs and API answers: {@code https://hooks.example.com/…}. */
    public static String redacted(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        boolean more = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null;
        return uri.getScheme() + "://" + uri.getHost() + port + (more ? "/…" : "");
    }

    private static URI webhook(String value, int position) {
        String where = URLS + " entry " + position;
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(where + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(where + " must be an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(where + " has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the URL would end up in proxies' logs; receivers take a token in the path or the secret.
            throw new ConfigException(where + " must not carry user:password@; put a token in the path, or use " + SECRET);
        }
        return uri;
    }

    /** {@code 6h}, {@code 30m}, {@code 2d}, {@code 900} (seconds) or ISO-8601 ({@code PT6H}). */
    static Duration reminder(String value) {
        if (value == null) {
            return DEFAULT_REMINDER;
        }
        Duration parsed;
        Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new ConfigException(REMINDER + " must be a duration like 6h, 30m, 2d or PT6H, got '" + value + "'");
            }
        }
        if (parsed.compareTo(MIN_REMINDER) < 0 || parsed.compareTo(MAX_REMINDER) > 0) {
            throw new ConfigException(REMINDER + " must be between 5m and 7d, got '" + value + "'");
        }
        return parsed;
    }

    /** Never the URLs' paths or the secret. */
    @Override
    public String toString() {
        return "AlertSettings[webhooks=" + webhooks.stream().map(AlertSettings::redacted).toList() + ", format="
                + format.name().toLowerCase(Locale.ROOT) + ", signed=" + secret.isPresent() + ", reminder=" + reminder + ", check every " + checkEvery + " s]";
    }
}
