package org.pleura.model.check;

import java.util.List;
import org.pleura.image.Radiograph;

/**
 * Decides whether a radiograph is fit for the model (frontal chest, right modality, not blank or saturated).
 * Checks compose with {@link #and}: the first refusal wins, warnings accumulate.
 *
 * <pre>{@code
 * InputCheck check = headerCheck.and(imageCheck);
 * if (check.check(radiograph) instanceof InputVerdict.Refused r) { report(r.reason()); }
 * }</pre>
 */
@FunctionalInterface
public interface InputCheck {

    /** Accepts everything: the placeholder until real checks exist. */
    InputCheck ACCEPT_ALL = r -> InputVerdict.accepted();

    /** The verdict for one radiograph. */
    InputVerdict check(Radiograph radiograph);

    /** This check, then {@code next} if this one accepted. */
    default InputCheck and(InputCheck next) {
        return r -> {
            InputVerdict first = check(r);
            if (first instanceof InputVerdict.Refused) {
                return first;
            }
            InputVerdict second = next.check(r);
            if (second instanceof InputVerdict.Refused) {
                return second;
            }
            List<String> w = new java.util.ArrayList<>(((InputVerdict.Accepted) first).warnings());
            w.addAll(((InputVerdict.Accepted) second).warnings());
            return new InputVerdict.Accepted(w);
        };
    }
}
