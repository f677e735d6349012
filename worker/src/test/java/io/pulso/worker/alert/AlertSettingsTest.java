package io.pulso.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

    private static AlertSettings from(Map<String, String> values) {
        return AlertSettings.fromEnv(new Env(values));
    }

    @Test
    void withoutUrlsNotificationsAreOffWithTheDefaults() {
        AlertSettings settings = from(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.format()).isEqualTo(AlertFormat.JSON);
        assertThat(settings.reminder()).isEqualTo(Duration.ofHours(6));
        assertThat(settings.secret()).isEmpty();
        assertThat(settings.checkEvery()).isEqualTo(60);
    }

    @Test
    void severalUrlsTheSlackFormatASecretAndAReminder() {
        AlertSettings settings = from(Map.of(AlertSettings.URLS, "https://hooks.example.com/services/T1/B2/s3cr3t, http://10.0.0.5:8080/pulso",
                AlertSettings.FORMAT, "Slack", AlertSettings.SECRET, "0123456789abcdef0123", AlertSettings.REMINDER, "30m"));

        assertThat(settings.webhooks()).containsExactly(URI.create("https://hooks.example.com/services/T1/B2/s3cr3t"),
                URI.create("http://10.0.0.5:8080/pulso"));
        assertThat(settings.format()).isEqualTo(AlertFormat.SLACK);
        assertThat(settings.reminder()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.toString()).as("what logs may show")
                .contains("https://hooks.example.com/…", "http://10.0.0.5:8080/…", "signed=true")
                .doesNotContain("s3cr3t").doesNotContain("/pulso").doesNotContain("0123456789abcdef");
    }

    @Test
    void remindersInEveryAcceptedSpellingAndWithinBounds() {
        assertThat(AlertSettings.reminder("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(AlertSettings.reminder("PT6H")).isEqualTo(Duration.ofHours(6));
        assertThat(AlertSettings.reminder("900")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> AlertSettings.reminder("1m")).isInstanceOf(ConfigException.class)
                .hasMessage("ALERT_REMINDER must be between 5m and 7d, got '1m'");
        assertThatThrownBy(() -> AlertSettings.reminder("often")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALERT_REMINDER must be a duration like 6h");
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingNeverTheUrl() {
        assertThatThrownBy(() -> from(Map.of(AlertSettings.URLS, "https://ok.example.com/a,ftp://files.example.com/t0ken")))
                .isInstanceOf(ConfigException.class).hasMessage("ALERT_WEBHOOK_URL entry 2 must be an http or https URL");
        assertThatThrownBy(() -> from(Map.of(AlertSettings.URLS, "https://user:pa55word@hooks.example.com/x")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ALERT_WEBHOOK_URL entry 1 must not carry user:password@")
                .message().doesNotContain("pa55word");
        assertThatThrownBy(() -> from(Map.of(AlertSettings.URLS, "https://x.example.com", AlertSettings.FORMAT, "xml")))
                .isInstanceOf(ConfigException.class).hasMessage("ALERT_WEBHOOK_FORMAT must be json or slack, got 'xml'");
        assertThatThrownBy(() -> from(Map.of(AlertSettings.SECRET, "short")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ALERT_WEBHOOK_SECRET must be at least 16 characters")
                .message().doesNotContain("short");
    }
}
