package io.pulso.core.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the destination database is. From {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db} or a
 * JDBC URL) or from {@code POSTGRES_HOST}, {@code POSTGRES_PORT}, {@code POSTGRES_DB}, {@code POSTGRES_USER},
 * {@code POSTGRES_PASSWORD}.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password) {

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new ConfigException("database URL must be a PostgreSQL URL (postgresql://... or jdbc:postgresql://...), got "
                    + redact(jdbcUrl));
        }
    }

    public static DatabaseConfig fromEnv(Env env) {
        String url = env.get("DATABASE_URL");
        if (url != null) {
            return fromUrl(url, env.get("POSTGRES_USER"), env.get("POSTGRES_PASSWORD"));
        }
        String host = env.get("POSTGRES_HOST");
        String db = env.get("POSTGRES_DB");
        if (host == null || db == null) {
            throw new ConfigException("no database configured: set DATABASE_URL (postgresql://user:password@host:5432/db) "
                    + "or POSTGRES_HOST, POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD (POSTGRES_PORT defaults to 5432)");
        }
        int port = env.integer("POSTGRES_PORT", 5432, 1, 65535);
        String user = env.required("POSTGRES_USER", "the database user");
        return new DatabaseConfig("jdbc:postgresql://" + host + ":" + port + "/" + db, user, env.get("POSTGRES_PASSWORD"));
    }

    /** Accepts {@code postgres(ql)://user:pass@host:port/db?params} and {@code jdbc:postgresql://...}. */
    public static DatabaseConfig fromUrl(String url, String fallbackUser, String fallbackPassword) {
        if (url.startsWith("jdbc:postgresql://")) {
            return new DatabaseConfig(url, fallbackUser, fallbackPassword);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATABASE_URL is not a valid URL: " + redact(url));
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new ConfigException("DATABASE_URL must start with postgresql:// or jdbc:postgresql://, got " + redact(url));
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new ConfigException("DATABASE_URL needs a host and a database name: " + redact(url));
        }
        String user = fallbackUser;
        String password = fallbackPassword;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return new DatabaseConfig(jdbc, user, password);
    }

    /** The URL without credentials, for messages and logs. */
    public String safeDescription() {
        return redact(jdbcUrl) + (user != null ? " as " + user : "");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Hides a password in {@code scheme://user:password@host} and in a {@code password=} parameter. */
    static String redact(String url) {
        return url.replaceAll("(//[^/:@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + safeDescription() + "]";
    }
}
