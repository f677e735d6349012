package io.pulso.worker.load;

import io.pulso.core.catalog.TableColumn;
import io.pulso.core.catalog.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns page rows into PostgreSQL COPY text lines for the destination's data columns, checking each value's
 * Java type against the column's SQL type so a source that returns the wrong type fails with the column named,
 * instead of being coerced silently.
 */
final class CopyRowEncoder {

    private enum Kind { INTEGER, FLOAT, TEXT, DATE, TIMESTAMP, BOOLEAN }

    private final TableSchema schema;
    private final int[] sourceIndex;
    private final Kind[] kinds;
    private final boolean[] isKey;

    /** Maps the page's columns onto the destination's; a destination column the result lacks is an error. */
    CopyRowEncoder(TableSchema schema, List<String> pageColumns) {
        this.schema = schema;
        List<TableColumn> columns = schema.dataColumns();
        sourceIndex = new int[columns.size()];
        kinds = new Kind[columns.size()];
        isKey = new boolean[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            sourceIndex[i] = pageColumns.indexOf(column.name());
            if (sourceIndex[i] < 0) {
                missing.add(column.name());
            }
            kinds[i] = kindOf(column);
            isKey[i] = schema.definition().keyColumns().contains(column.name());
        }
        if (!missing.isEmpty()) {
            throw new PageDataException(schema.name() + ": the extraction result has no column " + String.join(", ", missing)
                    + " (result columns: " + String.join(", ", pageColumns) + ")");
        }
    }

    /** Appends one COPY line: ordinal, then every data column, tab separated. */
    void appendLine(StringBuilder out, int ordinal, Object[] row) {
        out.append(ordinal);
        for (int i = 0; i < kinds.length; i++) {
            out.append('\t');
            Object value = row[sourceIndex[i]];
            if (value == null) {
                if (isKey[i]) {
                    throw new PageDataException(schema.name() + ": key column " + name(i) + " is null in result row " + ordinal);
                }
                out.append("\\N");
            } else {
                appendValue(out, i, value, ordinal);
            }
        }
        out.append('\n');
    }

    private void appendValue(StringBuilder out, int i, Object value, int ordinal) {
        switch (kinds[i]) {
            case INTEGER -> out.append(integerText(i, value, ordinal));
            case FLOAT -> {
                if (!(value instanceof Number)) {
                    throw mismatch(i, value, "a number");
                }
                out.append(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            }
            case TEXT -> {
                if (!(value instanceof String s)) {
                    throw mismatch(i, value, "a string");
                }
                escape(out, s);
            }
            case DATE -> {
                if (!(value instanceof LocalDate)) {
                    throw mismatch(i, value, "a date");
                }
                out.append(value);
            }
            case TIMESTAMP -> out.append(timestampText(i, value));
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw mismatch(i, value, "a boolean");
                }
                out.append(b ? 't' : 'f');
            }
            default -> throw new IllegalStateException(kinds[i].name());
        }
    }

    private String integerText(int i, Object value, int ordinal) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact().toString();
            } catch (ArithmeticException e) {
                throw new PageDataException(schema.name() + ": column " + name(i) + " is an integer but row " + ordinal
                        + " has " + d.toPlainString());
            }
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        throw mismatch(i, value, "an integer");
    }

    private String timestampText(int i, Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant().toString();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant().toString();
        }
        if (value instanceof LocalDateTime ldt) {
            // A zone-less date-time (BigQuery DATETIME) is taken as UTC, like BigQuery's own TIMESTAMP(datetime).
            return ldt.toInstant(ZoneOffset.UTC).toString();
        }
        throw mismatch(i, value, "a timestamp");
    }

    private PageDataException mismatch(int i, Object value, String expected) {
        return new PageDataException(schema.name() + ": column " + name(i) + " (" + schema.dataColumns().get(i).sqlType()
                + ") expects " + expected + " but the result has " + value.getClass().getSimpleName() + " '" + value + "'");
    }

    private String name(int i) {
        return schema.dataColumns().get(i).name();
    }

    private static void escape(StringBuilder out, String s) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static Kind kindOf(TableColumn column) {
        String type = column.sqlType();
        if (type.equals("integer") || type.equals("bigint") || type.equals("smallint")) {
            return Kind.INTEGER;
        }
        if (type.equals("double precision") || type.equals("real") || type.startsWith("numeric")) {
            return Kind.FLOAT;
        }
        if (type.startsWith("character varying") || type.equals("text") || type.startsWith("character")) {
            return Kind.TEXT;
        }
        if (type.equals("date")) {
            return Kind.DATE;
        }
        if (type.startsWith("timestamp")) {
            return Kind.TIMESTAMP;
        }
        if (type.equals("boolean")) {
            return Kind.BOOLEAN;
        }
        throw new IllegalArgumentException("column " + column.name() + " has a type the loader does not handle: " + type);
    }
}
