package io.pulso.worker.warehouse.bigquery;

import io.pulso.core.catalog.TableColumn;
import io.pulso.core.catalog.TableSchema;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Column;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Result;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Extraction results shaped like a destination table, in BigQuery's wire encoding, as the BigQuery SQL returns
 * them: every data column with the type its extraction casts to, plus the incremental column where the destination
 * lacks it (assignment_data's fecha_asignacion). Row i has unique keys, dates cycling over four days from
 * {@link #FIRST_DAY}, and a fecha_procesamiento of FIRST_DAY plus i hours with a fraction.
 */
public final class SourceResults {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);

    private SourceResults() {
    }

    public static Result of(TableSchema schema, int rowCount) {
        List<Column> columns = new ArrayList<>();
        for (TableColumn column : schema.dataColumns()) {
            columns.add(new Column(column.name(), wireType(column.sqlType())));
        }
        String incremental = schema.definition().incrementalColumn();
        if (!schema.dataColumnNames().contains(incremental)) {
            columns.add(new Column(incremental, "DATE"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < rowCount; i++) {
            List<String> row = new ArrayList<>();
            for (Column column : columns) {
                row.add(value(schema, column, i));
            }
            rows.add(row);
        }
        return new Result(columns, rows);
    }

    public static LocalDate maxDate(int rowCount) {
        return FIRST_DAY.plusDays(Math.min(rowCount, 4) - 1);
    }

    /** fecha_procesamiento of row i as the destination should hold it. */
    static java.time.Instant processedAt(int i) {
        return FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600L * i).plusMillis(250);
    }

    private static String value(TableSchema schema, Column column, int i) {
        String name = column.name();
        return switch (column.type()) {
            case "INTEGER" -> Integer.toString(i % 24);
            case "FLOAT" -> i + ".25";
            case "DATE" -> FIRST_DAY.plusDays(i % 4).toString();
            case "TIMESTAMP" -> new BigDecimal(processedAt(i).getEpochSecond()).add(new BigDecimal("0.25")).toPlainString();
            default -> {
                if (name.equals("periodo")) {
                    yield "2026-11";
                }
                // Every text key column is unique per row, so no two rows share a key.
                yield schema.definition().keyColumns().contains(name) ? name.substring(0, 1).toUpperCase() + i : name + "-" + i;
            }
        };
    }

    private static String wireType(String sqlType) {
        if (sqlType.equals("integer") || sqlType.equals("bigint") || sqlType.equals("smallint")) {
            return "INTEGER";
        }
        if (sqlType.equals("double precision") || sqlType.equals("real")) {
            return "FLOAT";
        }
        if (sqlType.startsWith("numeric")) {
            return "NUMERIC";
        }
        if (sqlType.equals("date")) {
            return "DATE";
        }
        if (sqlType.startsWith("timestamp")) {
            return "TIMESTAMP";
        }
        if (sqlType.equals("boolean")) {
            return "BOOLEAN";
        }
        return "STRING";
    }
}
