package io.pulso.worker.load;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * PostgreSQL's binary form of numeric: digit count, weight (of the first base-10000 digit), sign, display scale,
 * then the base-10000 digits. The column's typmod is applied by the server, as for text input.
 */
final class NumericBinary {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PLUS_INFINITY = 0xD000;
    private static final int MINUS_INFINITY = 0xF000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private NumericBinary() {
    }

    /** @param value a BigDecimal, or the text of a number (as Double.toString writes it, NaN and Infinity included) */
    static void append(ByteSink out, Object value) {
        if (value instanceof String text) {
            switch (text) {
                case "NaN" -> {
                    special(out, NAN);
                    return;
                }
                case "Infinity" -> {
                    special(out, PLUS_INFINITY);
                    return;
                }
                case "-Infinity" -> {
                    special(out, MINUS_INFINITY);
                    return;
                }
                default -> value = new BigDecimal(text);
            }
        }
        BigDecimal number = (BigDecimal) value;
        int scale = Math.max(0, number.scale());
        BigInteger unscaled = number.setScale(scale).unscaledValue();
        int sign = unscaled.signum() < 0 ? NEGATIVE : POSITIVE;
        // Align the decimal point on a base-10000 digit boundary, then split into digits, least significant first.
        int groupsAfterPoint = (scale + 3) / 4;
        BigInteger magnitude = unscaled.abs().multiply(BigInteger.TEN.pow(groupsAfterPoint * 4 - scale));
        int[] digits = new int[magnitude.bitLength() / 13 + 2];
        int count = 0;
        while (magnitude.signum() > 0) {
            BigInteger[] qr = magnitude.divideAndRemainder(TEN_THOUSAND);
            digits[count++] = qr[1].intValue();
            magnitude = qr[0];
        }
        int weight = count - 1 - groupsAfterPoint;
        int low = 0;
        while (low < count && digits[low] == 0) {
            low++;
        }
        int n = count - low;
        out.putInt(8 + 2 * n);
        out.putShort(n);
        out.putShort(n == 0 ? 0 : weight);
        out.putShort(n == 0 ? POSITIVE : sign);
        out.putShort(scale);
        for (int k = count - 1; k >= low; k--) {
            out.putShort(digits[k]);
        }
    }

    private static void special(ByteSink out, int sign) {
        out.putInt(8);
        out.putShort(0);
        out.putShort(0);
        out.putShort(sign);
        out.putShort(0);
    }
}
