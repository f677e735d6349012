package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.NoCredentials;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigQueryConfigTest {

    private static final CredentialsLoader.DefaultCredentials NO_ADC = () -> {
        throw new IOException("The Application Default Credentials are not available.");
    };

    @TempDir
    Path dir;

    private static BigQueryConfig config(Map<String, String> values) {
        return BigQueryConfig.fromEnv(new Env(values), NO_ADC);
    }

    @Test
    void aMissingProjectIdSaysWhatToSet() {
        assertThatThrownBy(() -> config(Map.of("BIGQUERY_EMULATOR_HOST", "localhost:9050")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BIGQUERY_PROJECT_ID is not set");
    }

    @Test
    void anUnreadableCredentialsFileFailsAtStartupNamingTheVariable() {
        Path missing = dir.resolve("no-such-key.json");

        assertThatThrownBy(() -> config(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814",
                "GOOGLE_APPLICATION_CREDENTIALS", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS points to " + missing)
                .hasMessageContaining("not a readable file");
    }

    @Test
    void aCredentialsFileThatIsNotAKeyFailsAtStartup() throws IOException {
        Path garbage = Files.writeString(dir.resolve("key.json"), "{\"type\": \"nonsense\"}");

        assertThatThrownBy(() -> config(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814",
                "GOOGLE_APPLICATION_CREDENTIALS", garbage.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a valid Google credentials JSON");
    }

    /** A service-account key cut short in its private key, as a failed copy leaves it. */
    static String truncatedKey() {
        return "{\n  \"type\": \"service_account\",\n  \"project_id\": \"mibot-222814\",\n"
                + "  \"private_key_id\": \"0123456789abcdef\",\n"
                + "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    }

    @Test
    void aTruncatedCredentialsFileIsReportedOnOneLine() throws IOException {
        Path truncated = Files.writeString(dir.resolve("cut.json"), truncatedKey());

        assertThatThrownBy(() -> config(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814",
                "GOOGLE_APPLICATION_CREDENTIALS", truncated.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS file " + truncated + " is not a valid Google credentials JSON")
                .satisfies(e -> assertThat(e.getMessage()).as(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
    }

    @Test
    void noCredentialsAtAllSaysHowToProvideThem() {
        assertThatThrownBy(() -> config(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set GOOGLE_APPLICATION_CREDENTIALS")
                .hasMessageContaining("gcloud auth application-default login");
    }

    @Test
    void defaultsFollowTheReferenceAndAnEmulatorNeedsNoCredentials() {
        BigQueryConfig config = config(Map.of("BIGQUERY_PROJECT_ID", "mibot-222814", "BIGQUERY_EMULATOR_HOST", "localhost:9050"));

        assertThat(config.jobProjectId()).isEqualTo("mibot-222814");
        assertThat(config.dataset()).isEqualTo("BI_USA");
        assertThat(config.viewPrefix()).isEqualTo("bi_P3fV4dWNeMkN5RJMhV8e_vw_");
        assertThat(config.location()).isEqualTo("US");
        assertThat(config.maxBytesBilled()).isNull();
        assertThat(config.jobTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.host()).isEqualTo("http://localhost:9050");
        assertThat(config.credentials()).isSameAs(NoCredentials.getInstance());
    }

    @Test
    void readsEverySetting() {
        Map<String, String> env = new HashMap<>();
        env.put("BIGQUERY_PROJECT_ID", "mibot-222814");
        env.put("BIGQUERY_JOB_PROJECT_ID", "pulso-billing");
        env.put("BIGQUERY_DATASET", "BI_TEST");
        env.put("BIGQUERY_VIEW_PREFIX", "v_");
        env.put("BIGQUERY_LOCATION", "EU");
        env.put("BIGQUERY_MAX_BYTES_BILLED", "10000000000");
        env.put("BIGQUERY_JOB_TIMEOUT", "90");
        env.put("BIGQUERY_EMULATOR_HOST", "http://127.0.0.1:9050/");

        BigQueryConfig config = config(env);

        assertThat(config).extracting(BigQueryConfig::jobProjectId, BigQueryConfig::dataset, BigQueryConfig::viewPrefix,
                BigQueryConfig::location, BigQueryConfig::maxBytesBilled, BigQueryConfig::jobTimeout, BigQueryConfig::host)
                .containsExactly("pulso-billing", "BI_TEST", "v_", "EU", 10_000_000_000L, Duration.ofSeconds(90),
                        "http://127.0.0.1:9050");
    }

    @Test
    void rejectsValuesThatWouldEndUpInSqlOrMakeNoSense() {
        Map<String, String> base = Map.of("BIGQUERY_PROJECT_ID", "mibot-222814", "BIGQUERY_EMULATOR_HOST", "localhost:9050");
        assertThatThrownBy(() -> config(with(base, "BIGQUERY_DATASET", "BI_USA`; DROP")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_DATASET must be");
        assertThatThrownBy(() -> config(with(base, "BIGQUERY_MAX_BYTES_BILLED", "-5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_MAX_BYTES_BILLED must be a positive");
        assertThatThrownBy(() -> config(with(base, "BIGQUERY_MAX_BYTES_BILLED", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> config(with(base, "BIGQUERY_JOB_TIMEOUT", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_JOB_TIMEOUT");
        assertThatThrownBy(() -> config(with(base, "BIGQUERY_PROJECT_ID", "Bad Project")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BIGQUERY_PROJECT_ID must be");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
