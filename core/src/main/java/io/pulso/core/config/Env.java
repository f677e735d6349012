package io.pulso.core.config;

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
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value + "'");
        }
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
