package org.pleura.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on logits for several outputs at once, with unknown labels masked out and positives of
 * each output weighted (rare findings count as much as common ones):
 * {@code sum(mask * (w * y * softplus(-x) + (1 - y) * softplus(x))) / sum(mask)}.
 *
 * <p>Labels are {@code [targets (N, K), mask (N, K)]}; predictions {@code [logits (N, K), ...]}.
 */
public final class MaskedBceLoss extends Loss {

    private final float[] positiveWeights;

    /** @param positiveWeights one weight per output, applied to positive targets */
    public MaskedBceLoss(float[] positiveWeights) {
        super("masked_bce");
        this.positiveWeights = positiveWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.get(0);
        NDArray y = labels.get(0);
        NDArray mask = labels.get(1);
        NDArray w = x.getManager().create(positiveWeights, new Shape(1, positiveWeights.length));
        NDArray pos = y.mul(w).mul(Activation.softPlus(x.neg()));
        NDArray neg = y.neg().add(1).mul(Activation.softPlus(x));
        NDArray known = mask.sum().maximum(1f);
        return pos.add(neg).mul(mask).sum().div(known);
    }
}
