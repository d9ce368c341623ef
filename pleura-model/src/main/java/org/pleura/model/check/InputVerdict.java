package org.pleura.model.check;

import java.util.List;
import java.util.Objects;

/** Whether an input may be read by the model: {@link Accepted} (possibly with warnings) or {@link Refused}. */
public sealed interface InputVerdict {

    /** The image may be read; warnings go into the analysis. */
    record Accepted(List<String> warnings) implements InputVerdict {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The image must not be read; the reason is shown to the user instead of any score.
     *
     * @param kind   which family of checks refused it
     * @param reason a sentence a user can act on, e.g. "the DICOM header says Modality CT: Pleura reads chest
     *               radiographs (CR, DX)"
     */
    record Refused(Kind kind, String reason) implements InputVerdict {
        public Refused {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** A refusal by a check of an unspecified kind. */
        public Refused(String reason) {
            this(Kind.OTHER, reason);
        }
    }

    /** The families of input checks, for reports on what each catches. */
    enum Kind {
        /** The DICOM header (modality, body part, view position, SOP class, frames). */
        HEADER,
        /** The picture itself (colour, size, aspect ratio, dynamic range, saturation, noise). */
        PICTURE,
        /** The model's own features compared with those of its training images. */
        FEATURES,
        /** Any other check. */
        OTHER
    }

    /** Accepted without warnings. */
    static InputVerdict accepted() {
        return new Accepted(List.of());
    }

    /** Accepted with warnings. */
    static InputVerdict accepted(List<String> warnings) {
        return new Accepted(warnings);
    }

    /** True for {@link Refused}. */
    default boolean refused() {
        return this instanceof Refused;
    }

    /** The warnings of an accepted verdict, empty for a refusal. */
    default List<String> warnings() {
        return this instanceof Accepted a ? a.warnings() : List.of();
    }
}
