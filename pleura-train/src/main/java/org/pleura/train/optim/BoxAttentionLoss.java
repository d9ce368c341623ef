package org.pleura.train.optim;

import ai.djl.ndarray.NDArray;

/**
 * Keeps a finding's class activation map on the finding: for an image where radiologists boxed the finding, the
 * map is turned into a distribution over its cells (softmax) and the loss is {@code -log} of the share of that
 * distribution falling inside the boxes, {@code -log(sum_cells softmax(cam)_cell * inside_cell)}. The map may
 * keep any scale (the image-level loss sets it); only where its mass lies is supervised. A weak-supervision
 * counterpart of Li et al. (CVPR 2018, "Thoracic disease identification and localization with limited
 * supervision"), whose patch-level loss also uses the few boxed images beside many image labels.
 */
public final class BoxAttentionLoss {

    private static final float EPSILON = 1e-4f;

    private BoxAttentionLoss() {
    }

    /**
     * @param cams   {@code (N, K, h, w)} activation maps
     * @param inside {@code (N, K, h * w)} fraction of each cell inside the true boxes
     * @param weight {@code (N, K)} 1 where a box supervises the map, 0 elsewhere
     * @return the mean loss over supervised maps (0 when none is)
     */
    public static NDArray evaluate(NDArray cams, NDArray inside, NDArray weight) {
        long n = cams.getShape().get(0);
        long k = cams.getShape().get(1);
        NDArray flat = cams.reshape(n, k, -1);
        NDArray share = flat.softmax(2).mul(inside).sum(new int[] {2});
        NDArray loss = share.add(EPSILON).log().neg().mul(weight);
        return loss.sum().div(weight.sum().maximum(1f));
    }
}
