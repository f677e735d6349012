package io.pulso.worker.warehouse.bigquery;

import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.WarehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BigQuery-dialect extraction SQL of each table, read from the catalog's resources, with the identifier
 * placeholders {@code {project}}, {@code {dataset}} and {@code {view_prefix}} filled from the configuration (all
 * three validated as plain identifiers). Window values are never substituted: they travel as named parameters.
 */
final class ExtractionQueries {

    static final String DIALECT = "bigquery";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final Map<String, String> identifiers;
    private final Map<String, String> byTable = new ConcurrentHashMap<>();

    ExtractionQueries(BigQueryConfig config) {
        this.identifiers = Map.of("project", config.projectId(), "dataset", config.dataset(),
                "view_prefix", config.viewPrefix());
    }

    String sqlFor(TableDefinition table) {
        return byTable.computeIfAbsent(table.name(), name -> load(table));
    }

    private String load(TableDefinition table) {
        String path = table.sqlResource(DIALECT);
        String text;
        try (InputStream in = TableDefinition.class.getResourceAsStream(path)) {
            if (in == null) {
                throw WarehouseException.permanent("notFound", "no " + DIALECT + " extraction SQL for table "
                        + table.name() + " (expected resource " + path + ")", null);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw WarehouseException.retryable("io", "cannot read " + path + ": " + e.getMessage(), e);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = identifiers.get(m.group(1));
            if (value == null) {
                throw WarehouseException.permanent("invalidQuery", path + ": unknown placeholder {" + m.group(1)
                        + "}; known: " + identifiers.keySet(), null);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }
}
