package io.pulso.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** Reads configuration variables, validating as it goes. A map, so tests pass their own. */
public final class Env {

    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** The value, or null when unset or blank. */
    public String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String get(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    public String required(String name, String what) {
        String value = get(name);
        if (value == null) {
            throw new ConfigException(name + " is not set (" + what + ")");
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = AsciiNumbers.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value + "'");
        }
    }

    /**
     * A duration written as a whole number with a unit, {@code 1500ms}, {@code 60s} or {@code 5m}; a bare number is
     * seconds, like the other {@code *_TIMEOUT} settings. {@code 0} is allowed only when {@code min} is zero.
     */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String digits;
        ChronoUnit unit;
        if (lower.endsWith("ms")) {
            digits = lower.substring(0, lower.length() - 2);
            unit = ChronoUnit.MILLIS;
        } else if (lower.endsWith("s")) {
            digits = lower.substring(0, lower.length() - 1);
            unit = ChronoUnit.SECONDS;
        } else if (lower.endsWith("m")) {
            digits = lower.substring(0, lower.length() - 1);
            unit = ChronoUnit.MINUTES;
        } else {
            digits = lower;
            unit = ChronoUnit.SECONDS;
        }
        if (!AsciiNumbers.isAsciiInteger(digits.strip()) || digits.strip().startsWith("-")) {
            throw new ConfigException(name + " must be a whole number with a unit (ms, s or m; none = seconds), got '"
                    + value + "'");
        }
        Duration parsed = Duration.of(Long.parseLong(digits.strip()), unit);
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new ConfigException(name + " must be between " + Durations.text(min) + " and " + Durations.text(max)
                    + ", got " + value);
        }
        return parsed;
    }

    public boolean flag(String name, boolean fallback) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase()) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
        };
    }
}
