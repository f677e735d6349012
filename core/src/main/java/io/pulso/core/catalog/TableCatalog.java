package io.pulso.core.catalog;

import io.pulso.core.config.Env;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The tables this ETL feeds, with the extraction settings of pulso-reference.md. */
public final class TableCatalog {

    public static final String DASHBOARD_GROUP = "dashboard";

    private final Map<String, TableDefinition> tables = new LinkedHashMap<>();

    public TableCatalog(Collection<TableDefinition> definitions) {
        for (TableDefinition definition : definitions) {
            if (tables.put(definition.name(), definition) != null) {
                throw new IllegalArgumentException("table defined twice: " + definition.name());
            }
        }
    }

    /** The Pulso dashboard tables. Each extraction groups by its table's key, so every one promises unique keys. */
    public static TableCatalog pulso() {
        return new TableCatalog(List.of(
                new TableDefinition("dashboard_data", Optional.of(DASHBOARD_GROUP),
                        List.of("fecha_foto", "archivo", "cartera", "servicio"),
                        "fecha_foto", Optional.of("fecha_foto"), 7, 10_000, Duration.ofHours(6), true, 1).withUniqueKeys(),
                new TableDefinition("evolution_data", Optional.of(DASHBOARD_GROUP),
                        List.of("fecha_foto", "archivo"),
                        "fecha_foto", Optional.of("fecha_foto"), 3, 50_000, Duration.ofHours(6), true, 1).withUniqueKeys(),
                // Keyed by month: a window re-reads whole months (the SQL widens it), so the vanished rows of those
                // months are deleted by periodo.
                new TableDefinition("assignment_data", Optional.empty(),
                        List.of("periodo", "archivo", "cartera"),
                        "fecha_asignacion", Optional.of("periodo"), 30, 10_000, Duration.ofHours(24), true, 1,
                        WindowUnit.MONTH, DeletionGuard.STANDARD, true),
                new TableDefinition("operation_data", Optional.empty(),
                        List.of("fecha_foto", "hora", "canal", "archivo"),
                        "fecha_foto", Optional.of("fecha_foto"), 2, 5_000, Duration.ofHours(2), true, 1).withUniqueKeys(),
                new TableDefinition("productivity_data", Optional.empty(),
                        List.of("fecha_foto", "correo_agente", "archivo"),
                        "fecha_foto", Optional.of("fecha_foto"), 5, 10_000, Duration.ofHours(8), true, 1).withUniqueKeys()));
    }

    /**
     * {@code PAGE_SIZE}, rows per page for every table instead of each table's own (1–100000), or empty when unset.
     * Read by the worker, which pages by it, and by the API, which shows it.
     */
    public static OptionalInt pageSizeFrom(Env env) {
        return env.get("PAGE_SIZE") == null ? OptionalInt.empty() : OptionalInt.of(env.integer("PAGE_SIZE", 0, 1, TableDefinition.MAX_PAGE_SIZE));
    }

    /** These tables with {@code pageSize} for all of them, or unchanged when it is empty. */
    public TableCatalog withPageSize(OptionalInt pageSize) {
        return pageSize.isPresent() ? withPageSize(pageSize.getAsInt()) : this;
    }

    /** The same tables read in pages of {@code pageSize} rows (tests and benchmarks that need many small pages). */
    public TableCatalog withPageSize(int pageSize) {
        return new TableCatalog(tables.values().stream().map(t -> t.withPageSize(pageSize)).toList());
    }

    public Optional<TableDefinition> find(String name) {
        return Optional.ofNullable(name).map(tables::get);
    }

    /** The table, or an {@link UnknownTableException} naming the known ones. */
    public TableDefinition require(String name) {
        return find(name).orElseThrow(() -> new UnknownTableException(name, tables.keySet()));
    }

    public List<TableDefinition> all() {
        return List.copyOf(tables.values());
    }

    public List<TableDefinition> group(String group) {
        return tables.values().stream().filter(t -> t.inGroup(group)).toList();
    }

    public List<String> names() {
        return List.copyOf(tables.keySet());
    }
}
