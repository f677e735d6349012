package io.pulso.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the undo script paired with a versioned migration: {@code V3__timescaledb.sql} is undone by
 * {@code undo/U3__timescaledb.sql} in the same location. Flyway's community edition resolves only {@code V} and
 * {@code R} scripts, so the {@code U} files beside them are never applied as migrations.
 */
public final class UndoScripts {

    public static final String FOLDER = "undo";

    private final List<String> locations;
    private final ClassLoader classLoader;

    public UndoScripts(List<String> locations, ClassLoader classLoader) {
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
    }

    /** The name of the undo script of a migration script ({@code V3__x.sql} gives {@code U3__x.sql}). */
    public static String undoNameOf(String migrationScript) {
        String file = migrationScript.substring(migrationScript.lastIndexOf('/') + 1);
        if (!file.startsWith("V")) {
            throw new IllegalArgumentException("not a versioned migration script: " + migrationScript);
        }
        return "U" + file.substring(1);
    }

    /** Where the undo script is looked for, for the error message when it is missing. */
    public List<String> searchedPaths(String migrationScript) {
        String name = undoNameOf(migrationScript);
        return locations.stream().map(l -> l + "/" + FOLDER + "/" + name).toList();
    }

    public Optional<String> find(String migrationScript) {
        return read(FOLDER + "/" + undoNameOf(migrationScript));
    }

    /** The text of a versioned migration script itself ({@code V3__x.sql}), from the first location that has it. */
    public Optional<String> migration(String migrationScript) {
        return read(migrationScript.substring(migrationScript.lastIndexOf('/') + 1));
    }

    private Optional<String> read(String relativePath) {
        for (String location : locations) {
            Optional<String> text = location.startsWith("filesystem:")
                    ? readFile(Path.of(location.substring("filesystem:".length())).resolve(relativePath))
                    : readResource(stripPrefix(location) + "/" + relativePath);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static String stripPrefix(String location) {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static Optional<String> readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read undo script " + path, e);
        }
    }

    private Optional<String> readResource(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read undo script " + resource, e);
        }
    }
}
