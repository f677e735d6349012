package io.pulso.core.config;

/** Configuration that is missing or invalid; the message says what to set. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
