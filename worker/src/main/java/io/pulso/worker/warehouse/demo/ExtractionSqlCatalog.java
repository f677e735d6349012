package io.pulso.worker.warehouse.demo;

import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.WarehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Postgres-dialect extraction SQL of each table, read from the catalog's resources once. */
final class ExtractionSqlCatalog {

    static final String DIALECT = "postgres";

    private final Map<String, NamedParameterSql> byTable = new ConcurrentHashMap<>();

    NamedParameterSql sqlFor(TableDefinition table) {
        return byTable.computeIfAbsent(table.name(), name -> load(table));
    }

    private static NamedParameterSql load(TableDefinition table) {
        String path = table.sqlResource(DIALECT);
        String text;
        try (InputStream in = TableDefinition.class.getResourceAsStream(path)) {
            if (in == null) {
                throw WarehouseException.permanent("notFound",
                        "no " + DIALECT + " extraction SQL for table " + table.name() + " (expected resource " + path + ")",
                        null);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw WarehouseException.retryable("io", "cannot read " + path + ": " + e.getMessage(), e);
        }
        // Wrapped as a subquery later: a trailing semicolon would end the statement early.
        String body = text.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        try {
            return NamedParameterSql.parse(body);
        } catch (IllegalArgumentException e) {
            throw WarehouseException.permanent("invalidQuery", path + ": " + e.getMessage(), e);
        }
    }
}
