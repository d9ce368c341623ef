package org.pleura.model.check;

import java.util.List;

/** Whether an input may be read by the model: {@link Accepted} (possibly with warnings) or {@link Refused}. */
public sealed interface InputVerdict {

    /** The image may be read; warnings go into the analysis. */
    record Accepted(List<String> warnings) implements InputVerdict {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /** The image must not be read; the reason is shown to the user. */
    record Refused(String reason) implements InputVerdict {
    }

    /** Accepted without warnings. */
    static InputVerdict accepted() {
        return new Accepted(List.of());
    }
}
