package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.pulso.worker.warehouse.WarehouseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Turns BigQuery's row values (strings on the wire) into the Java types the loader takes, column by column from the
 * result schema: INT64 → Long, FLOAT64 → Double, NUMERIC/BIGNUMERIC → BigDecimal straight from the text (never
 * through double), BOOL → Boolean, STRING → String, DATE → LocalDate, DATETIME → LocalDateTime, TIMESTAMP → Instant
 * (UTC), NULL → null. A column of any other type (arrays, records, bytes, ...) is rejected up front, by name.
 */
final class RowDecoder {

    private final List<String> columns;
    private final List<Function<String, Object>> decoders;

    RowDecoder(Schema schema, String where) {
        List<Field> fields = schema.getFields();
        this.columns = fields.stream().map(Field::getName).toList();
        this.decoders = fields.stream().map(f -> decoderFor(f, where)).toList();
    }

    List<String> columns() {
        return columns;
    }

    Object[] decode(FieldValueList row) {
        if (row.size() != decoders.size()) {
            throw WarehouseException.permanent("invalidData", "a result row has " + row.size() + " values for "
                    + decoders.size() + " columns " + columns, null);
        }
        Object[] values = new Object[decoders.size()];
        for (int i = 0; i < values.length; i++) {
            FieldValue value = row.get(i);
            if (value.isNull()) {
                continue;
            }
            try {
                values[i] = decoders.get(i).apply(value.getStringValue());
            } catch (RuntimeException e) {
                throw WarehouseException.permanent("invalidData", "column " + columns.get(i) + ": cannot read '"
                        + value.getValue() + "' (" + e.getMessage() + ")", e);
            }
        }
        return values;
    }

    private static Function<String, Object> decoderFor(Field field, String where) {
        if (field.getMode() == Field.Mode.REPEATED) {
            throw unsupported(field, "REPEATED", where);
        }
        StandardSQLTypeName type = field.getType().getStandardType();
        return switch (type) {
            case INT64 -> Long::valueOf;
            case FLOAT64 -> Double::valueOf;
            case NUMERIC, BIGNUMERIC -> BigDecimal::new;
            case BOOL -> RowDecoder::bool;
            case STRING -> text -> text;
            case DATE -> LocalDate::parse;
            case DATETIME -> text -> LocalDateTime.parse(text.replace(' ', 'T'));
            case TIMESTAMP -> RowDecoder::timestamp;
            default -> throw unsupported(field, type.name(), where);
        };
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** Seconds since the epoch with a fraction, sometimes in exponent form ("1.7326656E9"); kept to the microsecond. */
    static Instant timestamp(String text) {
        BigDecimal seconds = new BigDecimal(text);
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static WarehouseException unsupported(Field field, String type, String where) {
        return WarehouseException.permanent("invalidData", where + ": result column " + field.getName() + " has type "
                + type + ", which no destination column takes (use INT64, FLOAT64, NUMERIC, BOOL, STRING, DATE, "
                + "DATETIME or TIMESTAMP)", null);
    }
}
