package io.pulso.worker.load;

import io.pulso.core.catalog.TableColumn;
import io.pulso.core.catalog.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns page rows into PostgreSQL binary COPY tuples for the destination's data columns, checking each value's
 * Java type against the column's SQL type so a source that returns the wrong type fails with the column named,
 * instead of being coerced silently. Binary spares the server parsing every number, date and timestamp from text,
 * which is a third of a page's server time in text form.
 */
final class CopyRowEncoder {

    /** 2000-01-01, PostgreSQL's epoch for binary dates and timestamps. */
    private static final long POSTGRES_EPOCH_DAY = 10_957;
    private static final long POSTGRES_EPOCH_MICROS = POSTGRES_EPOCH_DAY * 86_400L * 1_000_000L;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private enum Kind { INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, DATE, TIMESTAMP, BOOLEAN }

    private final TableSchema schema;
    private final int[] sourceIndex;
    private final Kind[] kinds;
    private final boolean[] isKey;
    private final int keyCount;
    private final boolean keysComparable;

    /** Maps the page's columns onto the destination's; a destination column the result lacks is an error. */
    CopyRowEncoder(TableSchema schema, List<String> pageColumns) {
        this.schema = schema;
        List<TableColumn> columns = schema.dataColumns();
        sourceIndex = new int[columns.size()];
        kinds = new Kind[columns.size()];
        isKey = new boolean[columns.size()];
        List<String> missing = new ArrayList<>();
        int keys = 0;
        boolean comparable = true;
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            sourceIndex[i] = pageColumns.indexOf(column.name());
            if (sourceIndex[i] < 0) {
                missing.add(column.name());
            }
            kinds[i] = kindOf(column);
            isKey[i] = schema.definition().keyColumns().contains(column.name());
            if (isKey[i]) {
                keys++;
                comparable &= comparableInJava(kinds[i], column.sqlType());
            }
        }
        keyCount = keys;
        keysComparable = comparable;
        if (!missing.isEmpty()) {
            throw new PageDataException(schema.name() + ": the extraction result has no column " + String.join(", ", missing)
                    + " (result columns: " + String.join(", ", pageColumns) + ")");
        }
    }

    /** The COPY … (FORMAT binary) header. */
    static void appendHeader(ByteSink out) {
        out.put(HEADER);
    }

    /** The COPY … (FORMAT binary) trailer. */
    static void appendTrailer(ByteSink out) {
        out.putShort(-1);
    }

    /**
     * Whether two rows' keys are equal in PostgreSQL exactly when the {@link #appendTuple} key lists are equal in
     * Java: true for integers, dates, timestamps, booleans and varchar/text; false for floating point and numeric
     * (0.0 and -0.0, 1.0 and 1.00) and blank-padded character(n).
     */
    boolean keysComparable() {
        return keysComparable;
    }

    /**
     * Appends one tuple: ordinal, then every data column. Returns the row's key values as PostgreSQL compares them
     * when {@link #keysComparable()}, else null.
     */
    List<Object> appendTuple(ByteSink out, int ordinal, Object[] row) {
        Object[] key = keysComparable ? new Object[keyCount] : null;
        int k = 0;
        out.putShort(kinds.length + 1);
        out.putInt(4);
        out.putInt(ordinal);
        for (int i = 0; i < kinds.length; i++) {
            Object value = row[sourceIndex[i]];
            if (value == null) {
                if (isKey[i]) {
                    throw new PageDataException(schema.name() + ": key column " + name(i) + " is null in result row " + ordinal);
                }
                if (!schema.dataColumns().get(i).nullable()) {
                    throw new PageDataException(schema.name() + ": column " + name(i) + " is NULL in the row with key "
                            + keyOf(row) + ", but the destination column is NOT NULL (the extraction must give a value)");
                }
                out.putInt(-1);
                continue;
            }
            Object written;
            try {
                written = appendValue(out, i, value);
            } catch (BadValue e) {
                // The row's key says which row; its values stay out of messages and logs.
                throw new PageDataException(schema.name() + ": column " + name(i) + " (" + schema.dataColumns().get(i).sqlType()
                        + ") " + e.getMessage() + " in the row with key " + keyOf(row));
            }
            if (key != null && isKey[i]) {
                key[k++] = written;
            }
        }
        return key == null ? null : Arrays.asList(key);
    }

    /** The row's key as {@code (column=value, …)}: what names a row in an error, in place of its values. */
    String keyOf(Object[] row) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < kinds.length; i++) {
            if (isKey[i]) {
                text.append(text.length() > 1 ? ", " : "").append(name(i)).append('=').append(row[sourceIndex[i]]);
            }
        }
        return text.append(')').toString();
    }

    /** A value the column cannot take; the message says why without the value. */
    private static final class BadValue extends RuntimeException {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Writes one non-null field (length, then bytes); returns the value as written, for key comparison. */
    private Object appendValue(ByteSink out, int i, Object value) {
        switch (kinds[i]) {
            case INT2, INT4, INT8 -> {
                long v = integer(i, value);
                if (kinds[i] == Kind.INT8) {
                    out.putInt(8);
                    out.putLong(v);
                } else if (kinds[i] == Kind.INT4) {
                    checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    out.putInt(4);
                    out.putInt((int) v);
                } else {
                    checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE);
                    out.putInt(2);
                    out.putShort((int) v);
                }
                return v;
            }
            case FLOAT8 -> {
                out.putInt(8);
                out.putLong(Double.doubleToLongBits(number(i, value).doubleValue()));
                return value;
            }
            case FLOAT4 -> {
                Number n = number(i, value);
                // From the decimal text, as PostgreSQL would parse it: no double rounding through a double.
                float f = n instanceof Float x ? x : n instanceof BigDecimal d ? d.floatValue() : Float.parseFloat(n.toString());
                out.putInt(4);
                out.putInt(Float.floatToIntBits(f));
                return value;
            }
            case NUMERIC -> {
                Number n = number(i, value);
                NumericBinary.append(out, n instanceof BigDecimal d ? d : n.toString());
                return value;
            }
            case TEXT -> {
                if (!(value instanceof String s)) {
                    throw mismatch(value, "a string");
                }
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                out.putInt(bytes.length);
                out.put(bytes);
                return s;
            }
            case DATE -> {
                if (!(value instanceof LocalDate date)) {
                    throw mismatch(value, "a date");
                }
                out.putInt(4);
                out.putInt(Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY));
                return date;
            }
            case TIMESTAMP -> {
                Instant instant = instant(i, value);
                // Rounded to the microsecond, as PostgreSQL rounds a finer text value.
                long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                        (instant.getNano() + 500) / 1_000) - POSTGRES_EPOCH_MICROS;
                out.putInt(8);
                out.putLong(micros);
                return micros;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw mismatch(value, "a boolean");
                }
                out.putInt(1);
                out.putByte(b ? 1 : 0);
                return b;
            }
            default -> throw new IllegalStateException(kinds[i].name());
        }
    }

    private long integer(int i, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            value = new BigDecimal(b);
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact().longValueExact();
            } catch (ArithmeticException e) {
                throw new BadValue("expects an integer but the result has a number with a fraction or out of range");
            }
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        throw mismatch(value, "an integer");
    }

    private static void checkRange(long v, long min, long max) {
        if (v < min || v > max) {
            throw new BadValue("cannot hold the result's value: it is outside " + min + " .. " + max);
        }
    }

    private Number number(int i, Object value) {
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Number n) {
            return n;
        }
        throw mismatch(value, "a number");
    }

    private Instant instant(int i, Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            // A zone-less date-time (BigQuery DATETIME) is taken as UTC, like BigQuery's own TIMESTAMP(datetime).
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw mismatch(value, "a timestamp");
    }

    private static BadValue mismatch(Object value, String expected) {
        return new BadValue("expects " + expected + " but the result has a " + value.getClass().getSimpleName());
    }

    private String name(int i) {
        return schema.dataColumns().get(i).name();
    }

    private static boolean comparableInJava(Kind kind, String sqlType) {
        return switch (kind) {
            case INT2, INT4, INT8, DATE, TIMESTAMP, BOOLEAN -> true;
            case TEXT -> sqlType.startsWith("character varying") || sqlType.equals("text");
            case FLOAT4, FLOAT8, NUMERIC -> false;
        };
    }

    private static Kind kindOf(TableColumn column) {
        String type = column.sqlType();
        Kind exact = switch (type) {
            case "integer" -> Kind.INT4;
            case "bigint" -> Kind.INT8;
            case "smallint" -> Kind.INT2;
            case "double precision" -> Kind.FLOAT8;
            case "real" -> Kind.FLOAT4;
            case "text" -> Kind.TEXT;
            case "date" -> Kind.DATE;
            case "boolean" -> Kind.BOOLEAN;
            default -> null;
        };
        if (exact != null) {
            return exact;
        }
        // Types that carry a modifier or a variant: numeric(p,s), character varying(n), character(n), timestamp[tz].
        if (type.startsWith("numeric")) {
            return Kind.NUMERIC;
        }
        if (type.startsWith("character")) {
            return Kind.TEXT;
        }
        if (type.startsWith("timestamp")) {
            return Kind.TIMESTAMP;
        }
        throw new IllegalArgumentException("column " + column.name() + " has a type the loader does not handle: " + type);
    }
}
