package io.pulso.core.config;

/**
 * Whole numbers written with ASCII digits only. {@link Integer#parseInt} also accepts other scripts' digits
 * (a full-width {@code ７} reads as 7), so a value a person cannot tell apart from another would pass; these refuse it.
 */
public final class AsciiNumbers {

    private AsciiNumbers() {
    }

    /** {@code text} as an int: an optional {@code -} then ASCII digits; otherwise {@link NumberFormatException}. */
    public static int parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new NumberFormatException("out of range");
        }
        return (int) value;
    }

    /** {@code text} as a long: an optional {@code -} then 1 to 18 ASCII digits; otherwise {@link NumberFormatException}. */
    public static long parseLong(String text) {
        if (!isAsciiInteger(text)) {
            throw new NumberFormatException("not a whole number in ASCII digits");
        }
        return Long.parseLong(text);
    }

    /** An optional {@code -} then 1 to 18 ASCII digits (18 so that the value always fits a long). */
    public static boolean isAsciiInteger(String text) {
        if (text == null) {
            return false;
        }
        int start = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }
}
