package io.pulso.core.catalog;

import java.util.List;

/**
 * A catalog table with the columns the database declares for it. {@code dataColumns} are the ones an extraction
 * fills: every column except the bookkeeping {@code created_at} and {@code updated_at}.
 */
public record TableSchema(TableDefinition definition, List<TableColumn> dataColumns) {

    public static final List<String> BOOKKEEPING_COLUMNS = List.of("created_at", "updated_at");

    public TableSchema {
        dataColumns = List.copyOf(dataColumns);
    }

    public String name() {
        return definition.name();
    }

    public List<String> dataColumnNames() {
        return dataColumns.stream().map(TableColumn::name).toList();
    }

    /** Data columns that are not part of the key: the ones an upsert may change. */
    public List<TableColumn> valueColumns() {
        return dataColumns.stream().filter(c -> !definition.keyColumns().contains(c.name())).toList();
    }
}
