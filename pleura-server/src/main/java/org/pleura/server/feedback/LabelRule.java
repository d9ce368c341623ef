package org.pleura.server.feedback;

import java.util.Collection;
import java.util.Optional;

/**
 * How a reader's opinion becomes a training label for one finding (1 present, 0 absent, empty unknown):
 * <ul>
 *   <li>added finding: 1 (with its box);</li>
 *   <li>agree with a positive call: 1; disagree with it: 0;</li>
 *   <li>agree with a negative call: 0; disagree with it: 1 (no box: add the finding to give one);</li>
 *   <li>a doubtful call, agreed with or not: unknown (the call itself says "uncertain").</li>
 * </ul>
 * Several readers: the label they all give, or unknown when they contradict each other.
 */
public final class LabelRule {

    private LabelRule() {
    }

    /** The label one opinion gives. */
    public static Optional<Integer> label(FeedbackKind kind, Optional<String> modelCall) {
        if (kind == FeedbackKind.ADDED) {
            return Optional.of(1);
        }
        String call = modelCall.orElse("");
        boolean agree = kind == FeedbackKind.AGREE;
        return switch (call) {
            case "positive" -> Optional.of(agree ? 1 : 0);
            case "negative" -> Optional.of(agree ? 0 : 1);
            default -> Optional.empty();
        };
    }

    /** The label several opinions give together: unanimous, or unknown. */
    public static Optional<Integer> combine(Collection<Integer> labels) {
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        boolean ones = labels.contains(1);
        boolean zeros = labels.contains(0);
        return ones && zeros ? Optional.empty() : Optional.of(ones ? 1 : 0);
    }
}
