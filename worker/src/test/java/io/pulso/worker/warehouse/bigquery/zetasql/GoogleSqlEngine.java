package io.pulso.worker.warehouse.bigquery.zetasql;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.PreparedQuery;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.TableContent;
import com.google.zetasql.Type;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GoogleSQL (BigQuery's dialect) executed by ZetaSQL's reference implementation over tables held in memory, each
 * named by its whole BigQuery path ({@code project.dataset.table}) so that backticked paths in the SQL resolve.
 * The session time zone is UTC, as in BigQuery (ZetaSQL's own default is America/Los_Angeles).
 */
final class GoogleSqlEngine {

    /** A column: name and GoogleSQL type. */
    record Column(String name, Type type) {
    }

    /** A table: its schema and rows, values in column order. */
    record Table(List<Column> columns, List<List<Value>> rows) {
        Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** A query failed to analyse or to run; the message is ZetaSQL's, as BigQuery's invalidQuery would carry. */
    static final class QueryFailure extends RuntimeException {
        QueryFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    void put(String path, Table table) {
        tables.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(table, "table"));
    }

    Table get(String path) {
        return tables.get(path);
    }

    /** Runs one query with typed named parameters (a NULL parameter is a typed NULL value). */
    synchronized Table run(String sql, Map<String, Value> parameters) {
        LanguageOptions language = new LanguageOptions().enableMaximumLanguageFeatures();
        language.setSupportsAllStatementKinds();
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        options.setDefaultTimezone("UTC");
        parameters.forEach((name, value) -> options.addQueryParameter(name, value.getType()));

        SimpleCatalog catalog = new SimpleCatalog("bigquery");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        Map<String, TableContent> contents = new HashMap<>();
        tables.forEach((path, table) -> {
            List<SimpleColumn> columns = table.columns().stream()
                    .map(c -> new SimpleColumn(path, c.name(), c.type())).toList();
            catalog.addSimpleTable(new SimpleTable(path, columns));
            contents.put(path, TableContent.create(new ArrayList<>(table.rows())));
        });
        try (PreparedQuery query = PreparedQuery.builder().setSql(sql).setAnalyzerOptions(options).setCatalog(catalog)
                .setTablesContents(contents).prepare()) {
            List<Column> columns = query.getColumns().stream().map(c -> new Column(c.getName(), c.getType())).toList();
            TableContent result = query.execute(parameters);
            List<List<Value>> rows = new ArrayList<>();
            result.getTableData().forEach(row -> rows.add(List.copyOf(row)));
            return new Table(columns, rows);
        } catch (Exception e) {
            // ZetaSQL's SqlException is checked but thrown undeclared: catch everything, report its message.
            throw new QueryFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
