package org.pleura.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNet backbone, global average pooling and a linear head with one logit per output.
 *
 * <p>Input {@code (N, C, H, W)}. When training, the output is {@code [logits (N, K), cams (N, K, h, w)]} (the maps
 * let a loss supervise where the evidence lies). Otherwise it is
 * {@code [logits (N, K), cams (N, K, h, w), pooled (N, C)]} where {@code cams[k] = sum_c W[k, c] * features[c]} is the class
 * activation map of output {@code k} (Zhou et al. 2016): its mean plus the bias is exactly the logit, so the map
 * shows where the evidence for that output lies, from the same forward pass; {@code pooled} is the head's input
 * (the image's embedding, used by input checks).
 */
public final class FindingNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ResNetSpec spec;
    private final int outputs;
    private final SequentialBlock backbone;
    private final Linear head;

    /**
     * @param spec    backbone shape
     * @param outputs number of logits (findings plus the study-level output)
     */
    public FindingNetwork(ResNetSpec spec, int outputs) {
        super(VERSION);
        if (outputs < 1) {
            throw new IllegalArgumentException("a network needs at least one output");
        }
        this.spec = spec;
        this.outputs = outputs;
        this.backbone = addChildBlock("backbone", ResNetBackbone.build(spec));
        this.head = addChildBlock("head", Linear.builder().setUnits(outputs).build());
    }

    /** The backbone shape. */
    public ResNetSpec spec() {
        return spec;
    }

    /** Number of logits. */
    public int outputs() {
        return outputs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = backbone.forward(ps, inputs, training, params).singletonOrThrow();
        NDArray pooled = Pool.globalAvgPool2d(features);
        NDArray logits = head.forward(ps, new NDList(pooled), training, params).singletonOrThrow();
        Parameter weight = head.getParameters().get("weight");
        NDArray w = ps.getValue(weight, features.getDevice(), training);
        Shape fs = features.getShape();
        long n = fs.get(0);
        long c = fs.get(1);
        long h = fs.get(2);
        long wd = fs.get(3);
        NDArray cams = w.matMul(features.reshape(n, c, h * wd)).reshape(n, outputs, h, wd);
        return training ? new NDList(logits, cams) : new NDList(logits, cams, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        // the inference outputs; training returns the first two
        Shape in = inputs[0];
        Shape feat = backbone.getOutputShapes(inputs)[0];
        return new Shape[] {new Shape(in.get(0), outputs), new Shape(in.get(0), outputs, feat.get(2), feat.get(3)),
                new Shape(in.get(0), feat.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape feat = backbone.getOutputShapes(inputShapes)[0];
        head.initialize(manager, dataType, new Shape(feat.get(0), feat.get(1)));
    }
}
