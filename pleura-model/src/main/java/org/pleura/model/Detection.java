package org.pleura.model;

import java.util.List;
import java.util.Objects;
import org.pleura.model.check.FeatureGate;
import org.pleura.model.check.InputVerdict;
import org.pleura.model.result.DetectionResult;

/** The outcome of a detection with a feature gate: {@link Read} or {@link Refused} before any score was made. */
public sealed interface Detection {

    /**
     * The model read the image.
     *
     * @param result           scores, calls, heat maps and boxes
     * @param warnings         what the gate said about the image (e.g. a check that could not run)
     * @param relativeDistance how far the image is from the model's training images relative to the gate's limit
     *                         ({@link FeatureGate#relativeDistance}), NaN when unknown
     */
    record Read(DetectionResult result, List<String> warnings, double relativeDistance) implements Detection {
        public Read {
            Objects.requireNonNull(result, "result");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The gate refused the image from the model's own features: no score exists for it.
     *
     * @param verdict why
     */
    record Refused(InputVerdict.Refused verdict) implements Detection {
        public Refused {
            Objects.requireNonNull(verdict, "verdict");
        }
    }
}
