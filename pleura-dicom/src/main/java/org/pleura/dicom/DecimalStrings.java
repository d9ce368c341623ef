package org.pleura.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats doubles as DICOM Decimal Strings (DS): at most 16 characters, no NaN or infinity. */
final class DecimalStrings {

    private static final int MAX = 16;

    private DecimalStrings() {
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("a DS value must be finite: " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        if (s.length() <= MAX) {
            return s;
        }
        for (int digits = MAX; digits > 0; digits--) {
            BigDecimal r = new BigDecimal(v).round(new MathContext(digits));
            String plain = r.stripTrailingZeros().toPlainString();
            if (plain.length() <= MAX) {
                return plain;
            }
            String sci = r.stripTrailingZeros().toString();
            if (sci.length() <= MAX) {
                return sci;
            }
        }
        throw new IllegalArgumentException("cannot format " + v + " in 16 characters");
    }
}
