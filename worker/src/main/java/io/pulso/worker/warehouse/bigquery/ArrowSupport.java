package io.pulso.worker.warehouse.bigquery;

import io.pulso.core.config.ConfigException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks once, at start, that Arrow can allocate in this JVM: on Java 17 it needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, and without it every Read API page would fail with an
 * initialisation error. A JVM started without the flag reads over REST in auto mode, and refuses to start in on mode.
 */
final class ArrowSupport {

    private static final Logger log = LoggerFactory.getLogger(ArrowSupport.class);
    static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private ArrowSupport() {
    }

    static ReadApiConfig usable(ReadApiConfig readApi) {
        if (!readApi.enabled()) {
            return readApi;
        }
        String problem = problem();
        if (problem == null) {
            return readApi;
        }
        if (readApi.mode() == ReadApiConfig.Mode.ON) {
            throw new ConfigException("BIGQUERY_READ_API=on needs Arrow, which cannot allocate in this JVM (" + problem
                    + "): start Java with " + FLAG + " (./pulso and the Docker image do), or set BIGQUERY_READ_API=off");
        }
        log.warn("BIGQUERY_READ_API=auto: Arrow cannot allocate in this JVM ({}); start Java with {} to read through the "
                + "Storage Read API; reading results with tabledata.list", problem, FLAG);
        return new ReadApiConfig(ReadApiConfig.Mode.OFF, readApi.maxStreams(), readApi.pageTimeout(), readApi.endpoint());
    }

    /** Null when Arrow allocates, else what went wrong. */
    private static String problem() {
        try (RootAllocator allocator = new RootAllocator(); ArrowBuf buffer = allocator.buffer(8)) {
            buffer.setLong(0, 1L);
            return null;
        } catch (RuntimeException | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }
}
