package io.pulso.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one row per slow case to {@code app/target/reliability-results.md}, the figures docs/reliability.md
 * is written from (a rerun of {@code mvn -Preliability verify} reproduces them).
 */
final class SuiteReport {

    private static final Path FILE = Path.of("target", "reliability-results.md");

    private SuiteReport() {
    }

    static synchronized void record(String reliabilityCase, String outcome, String figures) {
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| case | outcome | figures |\n|---|---|---|\n", StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, "| " + reliabilityCase + " | " + outcome + " | " + figures + " |\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case's per-run figures, too many for one cell: {@code app/target/reliability-<name>.md}, rewritten. */
    static void details(String name, String markdown) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE.resolveSibling("reliability-" + name + ".md"), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
