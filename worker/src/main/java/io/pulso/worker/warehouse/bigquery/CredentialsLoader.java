package io.pulso.worker.warehouse.bigquery;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import io.pulso.core.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads Google credentials once, turning every way it can go wrong into a message that says what to set. */
final class CredentialsLoader {

    /** Application Default Credentials; a seam so tests do not depend on the machine's gcloud login. */
    @FunctionalInterface
    interface DefaultCredentials {
        GoogleCredentials get() throws IOException;
    }

    static final DefaultCredentials SYSTEM_DEFAULT = GoogleCredentials::getApplicationDefault;

    private CredentialsLoader() {
    }

    static Credentials load(String keyFile, DefaultCredentials applicationDefault) {
        if (keyFile != null) {
            return fromFile(Path.of(keyFile));
        }
        try {
            return applicationDefault.get();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("no Google credentials for BigQuery: set GOOGLE_APPLICATION_CREDENTIALS to a "
                    + "service-account key file, or log in with 'gcloud auth application-default login' "
                    + "(or set BIGQUERY_EMULATOR_HOST for an emulator); " + oneLine(e.getMessage()));
        }
    }

    private static Credentials fromFile(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException("GOOGLE_APPLICATION_CREDENTIALS points to " + path
                    + ", which is not a readable file: set it to the path of a service-account key JSON");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return GoogleCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("GOOGLE_APPLICATION_CREDENTIALS file " + path
                    + " is not a valid Google credentials JSON (" + oneLine(e.getMessage()) + ")");
        }
    }

    /**
     * Start-up errors are one line; a parser's message may not be (gson puts its troubleshooting link on a line of
     * its own after the position of a malformed, for example truncated, file).
     */
    static String oneLine(String message) {
        return message == null ? "no detail" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
