package org.pleura.model.check;

import java.util.ArrayList;
import java.util.List;
import org.pleura.image.Radiograph;

/**
 * Decides whether a radiograph is fit for the model (frontal chest, right modality, not blank or saturated).
 * Checks compose with {@link #and}: the first refusal wins, warnings accumulate.
 *
 * <pre>{@code
 * InputCheck check = new HeaderCheck().and(new PictureCheck());
 * if (check.check(radiograph) instanceof InputVerdict.Refused r) { report(r.reason()); }
 * }</pre>
 *
 * <p>The check on the model's own features needs the network's output and is therefore a separate step,
 * {@link FeatureCheck}, run after the forward pass and before any score is shown.
 */
@FunctionalInterface
public interface InputCheck {

    /** Accepts everything (for tests and tools that must see every image). */
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
            List<String> w = new ArrayList<>(first.warnings());
            w.addAll(second.warnings());
            return new InputVerdict.Accepted(w);
        };
    }
}
