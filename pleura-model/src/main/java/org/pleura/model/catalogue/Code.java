package org.pleura.model.catalogue;

import java.util.Objects;

/**
 * A coded concept as a DICOM structured report carries it: coding scheme designator ({@code SCT} for SNOMED CT,
 * {@code DCM} for DICOM, {@code RADLEX}), code value and code meaning.
 *
 * @param scheme  the coding scheme designator, e.g. {@code SCT}
 * @param value   the code value, e.g. {@code 36118008}
 * @param meaning the code meaning, e.g. {@code Pneumothorax}
 */
public record Code(String scheme, String value, String meaning) {

    public Code {
        requireText(scheme, "scheme");
        requireText(value, "value");
        requireText(meaning, "meaning");
    }

    private static void requireText(String s, String what) {
        if (Objects.requireNonNull(s, what).isBlank()) {
            throw new IllegalArgumentException("code " + what + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
