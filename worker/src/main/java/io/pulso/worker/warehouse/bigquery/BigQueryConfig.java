package io.pulso.worker.warehouse.bigquery;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the BigQuery source lives and how jobs run, read once from the environment at worker start. Credentials
 * are loaded here too, so a missing or unreadable key fails the start, not the first refresh.
 *
 * @param projectId       project holding the dataset and its views ({@code BIGQUERY_PROJECT_ID})
 * @param jobProjectId    project that runs and pays for the jobs ({@code BIGQUERY_JOB_PROJECT_ID}, default projectId)
 * @param dataset         dataset of the views ({@code BIGQUERY_DATASET})
 * @param viewPrefix      common prefix of the four views' names ({@code BIGQUERY_VIEW_PREFIX})
 * @param location        where jobs run ({@code BIGQUERY_LOCATION})
 * @param maxBytesBilled  per-query cap; null for none ({@code BIGQUERY_MAX_BYTES_BILLED})
 * @param jobTimeout      how long one Extract attempt waits for its job ({@code BIGQUERY_JOB_TIMEOUT}, seconds)
 * @param host            REST endpoint, null for Google's; set from {@code BIGQUERY_EMULATOR_HOST}
 * @param credentials     key file, ADC, or {@link NoCredentials} for an emulator
 */
public record BigQueryConfig(String projectId, String jobProjectId, String dataset, String viewPrefix, String location,
                             Long maxBytesBilled, Duration jobTimeout, String host, Credentials credentials) {

    public static final String DEFAULT_DATASET = "BI_USA";
    public static final String DEFAULT_VIEW_PREFIX = "bi_P3fV4dWNeMkN5RJMhV8e_vw_";
    public static final String DEFAULT_LOCATION = "US";
    /** Below the Extract activity's 30-minute start-to-close timeout, so the activity fails with our message. */
    public static final int DEFAULT_JOB_TIMEOUT_SECONDS = 20 * 60;

    // Project ids may be domain-scoped ("example.com:project"). These end up in SQL as identifiers, never values.
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9.:-]{0,127}");
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{0,200}");

    public BigQueryConfig {
        requireMatch("BIGQUERY_PROJECT_ID", projectId, PROJECT, "a project id such as mibot-222814");
        requireMatch("BIGQUERY_JOB_PROJECT_ID", jobProjectId, PROJECT, "a project id such as mibot-222814");
        requireMatch("BIGQUERY_DATASET", dataset, DATASET, "letters, digits and underscores");
        requireMatch("BIGQUERY_VIEW_PREFIX", viewPrefix, PREFIX, "letters, digits and underscores");
        if (location == null || location.isBlank()) {
            throw new ConfigException("BIGQUERY_LOCATION must not be empty (for example US or EU)");
        }
        if (maxBytesBilled != null && maxBytesBilled <= 0) {
            throw new ConfigException("BIGQUERY_MAX_BYTES_BILLED must be a positive number of bytes, got " + maxBytesBilled);
        }
        if (jobTimeout == null || jobTimeout.isNegative() || jobTimeout.isZero()) {
            throw new ConfigException("BIGQUERY_JOB_TIMEOUT must be a positive number of seconds");
        }
        if (credentials == null) {
            throw new ConfigException("BigQuery credentials are required");
        }
    }

    /** Reads and validates the BigQuery settings, loading credentials (from the real environment's ADC if need be). */
    public static BigQueryConfig fromEnv(Env env) {
        return fromEnv(env, CredentialsLoader.SYSTEM_DEFAULT);
    }

    static BigQueryConfig fromEnv(Env env, CredentialsLoader.DefaultCredentials applicationDefault) {
        String project = env.required("BIGQUERY_PROJECT_ID",
                "with WAREHOUSE=bigquery: the project holding the source dataset, for example mibot-222814");
        String jobProject = env.get("BIGQUERY_JOB_PROJECT_ID", project);
        Long maxBytes = null;
        String maxBytesText = env.get("BIGQUERY_MAX_BYTES_BILLED");
        if (maxBytesText != null) {
            try {
                maxBytes = Long.parseLong(maxBytesText);
            } catch (NumberFormatException e) {
                throw new ConfigException("BIGQUERY_MAX_BYTES_BILLED must be a whole number of bytes, got '" + maxBytesText + "'");
            }
        }
        int timeoutSeconds = env.integer("BIGQUERY_JOB_TIMEOUT", DEFAULT_JOB_TIMEOUT_SECONDS, 1, 6 * 60 * 60);
        String emulator = env.get("BIGQUERY_EMULATOR_HOST");
        String host = emulator == null ? null : emulatorUrl(emulator);
        Credentials credentials = host != null ? NoCredentials.getInstance()
                : CredentialsLoader.load(env.get("GOOGLE_APPLICATION_CREDENTIALS"), applicationDefault);
        return new BigQueryConfig(project, jobProject, env.get("BIGQUERY_DATASET", DEFAULT_DATASET),
                env.get("BIGQUERY_VIEW_PREFIX", DEFAULT_VIEW_PREFIX), env.get("BIGQUERY_LOCATION", DEFAULT_LOCATION),
                maxBytes, Duration.ofSeconds(timeoutSeconds), host, credentials);
    }

    /** {@code host:port} or an http(s) URL, as emulators document it, as the URL the client wants. */
    static String emulatorUrl(String value) {
        String url = value.contains("://") ? value : "http://" + value;
        if (!url.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/.*)?")) {
            throw new ConfigException("BIGQUERY_EMULATOR_HOST must be host:port or an http(s) URL, got '" + value + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requireMatch(String variable, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new ConfigException(variable + " must be " + expected + ", got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        // Credentials stay out of logs.
        return "BigQueryConfig[project=" + projectId + ", jobProject=" + jobProjectId + ", dataset=" + dataset
                + ", viewPrefix=" + viewPrefix + ", location=" + location + ", maxBytesBilled=" + maxBytesBilled
                + ", jobTimeout=" + jobTimeout + ", host=" + (host == null ? "(Google)" : host) + "]";
    }
}
