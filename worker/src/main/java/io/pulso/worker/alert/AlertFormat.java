package io.pulso.worker.alert;

import io.pulso.core.config.ConfigException;
import java.util.Locale;

/** The body a webhook receives: Pulso's own JSON, or Slack's incoming-webhook shape (Teams, Mattermost accept it). */
public enum AlertFormat {
    JSON, SLACK;

    static AlertFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "slack" -> SLACK;
            default -> throw new ConfigException(AlertSettings.FORMAT + " must be json or slack, got '" + value + "'");
        };
    }
}
