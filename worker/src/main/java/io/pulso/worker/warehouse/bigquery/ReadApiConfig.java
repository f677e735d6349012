package io.pulso.worker.warehouse.bigquery;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import java.time.Duration;
import java.util.Locale;

/**
 * How results are read: through the BigQuery Storage Read API (Arrow over gRPC) or page by page over REST
 * (tabledata.list). Read once at worker start.
 *
 * @param mode        {@code BIGQUERY_READ_API}: {@code auto} (default) tries the Read API and falls back to REST, with
 *                    one log line, when the API or the bigquery.readsessions.* permission is missing; {@code on} reads
 *                    through the Read API and fails a run the API refuses; {@code off} reads over REST. Against a
 *                    REST emulator ({@code BIGQUERY_EMULATOR_HOST}) without a Read API stand-in, auto means off
 * @param maxStreams  {@code BIGQUERY_READ_STREAMS}: streams asked of a read session (BigQuery may give fewer); pages
 *                    take the streams in turn and each stream's next page is read ahead on its open ReadRows call
 * @param pageTimeout {@code BIGQUERY_READ_PAGE_TIMEOUT} (seconds): how long a page may take to arrive, retries of a
 *                    broken stream included; a stream that stalls longer fails the page, which the load's retry reads
 *                    again from its offset
 * @param endpoint    {@code BIGQUERY_READ_EMULATOR_HOST}: host:port of a plaintext Read API stand-in; null for Google's
 */
public record ReadApiConfig(Mode mode, int maxStreams, Duration pageTimeout, String endpoint) {

    public enum Mode { OFF, ON, AUTO }

    public static final int DEFAULT_MAX_STREAMS = 4;
    public static final int DEFAULT_PAGE_TIMEOUT_SECONDS = 120;

    public static final ReadApiConfig OFF = new ReadApiConfig(Mode.OFF, DEFAULT_MAX_STREAMS,
            Duration.ofSeconds(DEFAULT_PAGE_TIMEOUT_SECONDS), null);

    public ReadApiConfig {
        if (mode == null) {
            throw new ConfigException("BIGQUERY_READ_API must be auto, on or off");
        }
        if (maxStreams < 1 || maxStreams > 64) {
            throw new ConfigException("BIGQUERY_READ_STREAMS must be between 1 and 64, got " + maxStreams);
        }
        if (pageTimeout == null || pageTimeout.isNegative() || pageTimeout.isZero()) {
            throw new ConfigException("BIGQUERY_READ_PAGE_TIMEOUT must be a positive number of seconds");
        }
        if (endpoint != null && !endpoint.matches("[A-Za-z0-9.\\-\\[\\]]+:\\d{1,5}")) {
            throw new ConfigException("BIGQUERY_READ_EMULATOR_HOST must be host:port, got '" + endpoint + "'");
        }
    }

    public static ReadApiConfig fromEnv(Env env) {
        String text = env.get("BIGQUERY_READ_API", "auto").trim().toLowerCase(Locale.ROOT);
        Mode parsed = switch (text) {
            case "off" -> Mode.OFF;
            case "on" -> Mode.ON;
            case "auto" -> Mode.AUTO;
            default -> throw new ConfigException("BIGQUERY_READ_API must be auto, on or off, got '" + text + "'");
        };
        Mode mode = parsed;
        int streams = env.integer("BIGQUERY_READ_STREAMS", DEFAULT_MAX_STREAMS, 1, 64);
        int timeout = env.integer("BIGQUERY_READ_PAGE_TIMEOUT", DEFAULT_PAGE_TIMEOUT_SECONDS, 1, 3600);
        String endpoint = env.get("BIGQUERY_READ_EMULATOR_HOST");
        if (env.get("BIGQUERY_EMULATOR_HOST") != null && endpoint == null) {
            // An emulator speaks REST only: without a stand-in the Read API would be Google's, with no credentials.
            if (mode == Mode.ON) {
                throw new ConfigException("BIGQUERY_READ_API=on with BIGQUERY_EMULATOR_HOST needs BIGQUERY_READ_EMULATOR_HOST "
                        + "(host:port of a Read API stand-in), or BIGQUERY_READ_API=off");
            }
            mode = Mode.OFF;
        }
        return new ReadApiConfig(mode, streams, Duration.ofSeconds(timeout), endpoint);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }
}
