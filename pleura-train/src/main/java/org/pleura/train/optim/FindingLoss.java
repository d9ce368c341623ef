package org.pleura.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The training loss of a finding network: {@link MaskedBceLoss} on the logits, plus {@code boxWeight} times
 * {@link BoxAttentionLoss} on the activation maps when the batch carries boxes.
 *
 * <p>Labels are {@code [targets (N, K), weights (N, K)]}, optionally followed by {@code [inside (N, K, h * w),
 * boxed (N, K)]}; predictions are {@code [logits (N, K), cams (N, K, h, w)]}.
 */
public final class FindingLoss extends Loss {

    private final MaskedBceLoss classification;
    private final float boxWeight;

    /**
     * @param positiveWeights one weight per output, applied to positive targets
     * @param boxWeight       weight of the box term (0: none)
     */
    public FindingLoss(float[] positiveWeights, float boxWeight) {
        super("finding_loss");
        this.classification = new MaskedBceLoss(positiveWeights);
        this.boxWeight = boxWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray loss = classification.evaluate(new NDList(labels.get(0), labels.get(1)), predictions);
        if (boxWeight > 0 && labels.size() >= 4 && predictions.size() >= 2) {
            loss = loss.add(BoxAttentionLoss.evaluate(predictions.get(1), labels.get(2), labels.get(3)).mul(boxWeight));
        }
        return loss;
    }
}
