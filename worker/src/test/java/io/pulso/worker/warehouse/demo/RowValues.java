package io.pulso.worker.warehouse.demo;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How expected and actual values are compared, whatever JDBC or a page returned them as: floating values within
 * {@link #TOLERANCE} (relative above 1), integers by value whatever their box, instants by instant, dates and
 * strings exactly.
 */
public final class RowValues {

    /** Absolute tolerance for values up to 1, relative above (sums of money reach millions). */
    public static final double TOLERANCE = 1e-6;

    private RowValues() {
    }

    /** A value fit to be part of a map key: integers as Long, dates as LocalDate, instants as Instant. */
    public static Object keyValue(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        Instant instant = instant(value);
        return instant != null ? instant : value;
    }

    public static List<Object> key(List<Object> values) {
        List<Object> key = new ArrayList<>(values.size());
        for (Object value : values) {
            key.add(keyValue(value));
        }
        return Collections.unmodifiableList(key); // tolerates nulls, unlike List.copyOf
    }

    public static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            if (isIntegral(e) && isIntegral(a)) {
                return e.longValue() == a.longValue();
            }
            double x = e.doubleValue();
            double y = a.doubleValue();
            return Math.abs(x - y) <= TOLERANCE * Math.max(1.0, Math.abs(x));
        }
        Instant e = instant(expected);
        Instant a = instant(actual);
        if (e != null || a != null) {
            return e != null && e.equals(a);
        }
        return keyValue(expected).equals(keyValue(actual));
    }

    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "'" + value + "'" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return null;
    }

    static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
