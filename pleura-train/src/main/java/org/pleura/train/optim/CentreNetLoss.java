package org.pleura.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * The loss of a box detector ({@link org.pleura.model.net.DetectionNetwork}), as in CenterNet (Zhou et al. 2019):
 * a focal loss on the centre heat maps, {@code -(1 - p)^2 log p} at centres and {@code -(1 - y)^4 p^2 log(1 - p)}
 * elsewhere (the Gaussian target {@code y} forgives near misses), divided by the number of centres; an L1 loss on
 * the four box values at centres, divided likewise; and the image-level binary cross-entropy of the auxiliary
 * classifier (unknown labels masked, positives weighted), weighted by {@code auxWeight}.
 *
 * <p>Labels are {@code [targets (N, K), weights (N, K), heat (N, K, h, w), box (N, 4, h, w), centres (N, 1, h, w)]};
 * predictions {@code [logits (N, K), maps (N, K + 4, h, w)]}.
 */
public final class CentreNetLoss extends Loss {

    private final int classes;
    private final MaskedBceLoss image;
    private final float auxWeight;

    /**
     * @param classes          box classes
     * @param positiveWeights  per class, for the image-level loss
     * @param auxWeight        weight of the image-level loss
     */
    public CentreNetLoss(int classes, float[] positiveWeights, float auxWeight) {
        super("centre_net_loss");
        this.classes = classes;
        this.image = new MaskedBceLoss(positiveWeights);
        this.auxWeight = auxWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray maps = predictions.get(1);
        NDArray heatLogits = maps.get(":, 0:" + classes);
        NDArray boxPred = maps.get(":, " + classes + ":");
        NDArray heat = labels.get(2);
        NDArray box = labels.get(3);
        NDArray centres = labels.get(4);
        NDArray p = Activation.sigmoid(heatLogits).clip(1e-4f, 1 - 1e-4f);
        NDArray pos = heat.gte(0.999f).toType(p.getDataType(), false);
        NDArray neg = pos.neg().add(1);
        NDArray posLoss = p.log().mul(p.neg().add(1).pow(2)).mul(pos);
        NDArray negLoss = p.neg().add(1).log().mul(p.pow(2)).mul(heat.neg().add(1).pow(4)).mul(neg);
        NDArray count = pos.sum().maximum(1f);
        NDArray focal = posLoss.add(negLoss).sum().neg().div(count);
        NDArray l1 = boxPred.sub(box).abs().mul(centres).sum().div(centres.sum().maximum(1f));
        NDArray aux = image.evaluate(new NDList(labels.get(0), labels.get(1)), new NDList(predictions.get(0)));
        return focal.add(l1).add(aux.mul(auxWeight));
    }
}
