package org.pleura.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A box detector in the manner of CenterNet (Zhou et al. 2019, "Objects as points"): a ResNet backbone (its last
 * stage dilated, so the feature map is at 1/16 of the input), a 3x3 convolution with ReLU, and a 1x1 convolution
 * giving, for every cell of the map, one centre logit per class and four box values shared by the classes
 * ({@link #MAP_CHANNELS}): the log of the box width and height in cells, and the offset of the centre inside the
 * cell. A finding is where a centre logit peaks; its box is read from the four values at the peak. A linear
 * classifier on the pooled features gives one image-level logit per class, an auxiliary task that helps the
 * backbone learn from every image's label (the boxes make the scores shown).
 *
 * <p>Input {@code (N, C, H, W)}; output {@code [logits (N, K), maps (N, K + 4, h, w)]} when training and
 * {@code [logits (N, K), maps (N, K + 4, h, w), pooled (N, C')]} otherwise: the same layout as
 * {@link FindingNetwork}'s, with the box maps in place of the class activation maps.
 */
public final class DetectionNetwork extends AbstractBlock {

    /** Box values per cell after the class logits: log width, log height, x offset, y offset. */
    public static final int BOX_CHANNELS = 4;
    /** Channels of the convolution between backbone and head. */
    public static final int HEAD_WIDTH = 64;

    private static final byte VERSION = 1;

    private final ResNetSpec spec;
    private final int classes;
    private final SequentialBlock backbone;
    private final SequentialBlock neck;
    private final Conv2d head;
    private final Linear classifier;

    /**
     * @param spec    backbone shape (its last stage should be dilated: boxes need the finer map)
     * @param classes number of classes (findings) the boxes are of
     */
    public DetectionNetwork(ResNetSpec spec, int classes) {
        super(VERSION);
        if (classes < 1) {
            throw new IllegalArgumentException("a detector needs at least one class");
        }
        this.spec = spec;
        this.classes = classes;
        this.backbone = addChildBlock("backbone", ResNetBackbone.build(spec));
        this.neck = addChildBlock("neck", new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(HEAD_WIDTH)
                        .build())
                .add(Activation.reluBlock()));
        this.head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(classes + BOX_CHANNELS).build());
        this.classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
    }

    /** The backbone shape. */
    public ResNetSpec spec() {
        return spec;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Channels of the box maps: one centre logit per class, then the four box values. */
    public int mapChannels() {
        return classes + BOX_CHANNELS;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = backbone.forward(ps, inputs, training, params).singletonOrThrow();
        NDArray maps = head.forward(ps, neck.forward(ps, new NDList(features), training, params), training, params)
                .singletonOrThrow();
        NDArray pooled = Pool.globalAvgPool2d(features);
        NDArray logits = classifier.forward(ps, new NDList(pooled), training, params).singletonOrThrow();
        return training ? new NDList(logits, maps) : new NDList(logits, maps, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        Shape feat = backbone.getOutputShapes(inputs)[0];
        return new Shape[] {new Shape(in.get(0), classes), new Shape(in.get(0), mapChannels(), feat.get(2), feat.get(3)),
                new Shape(in.get(0), feat.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape feat = backbone.getOutputShapes(inputShapes)[0];
        neck.initialize(manager, dataType, feat);
        Shape neckOut = neck.getOutputShapes(new Shape[] {feat})[0];
        head.initialize(manager, dataType, neckOut);
        classifier.initialize(manager, dataType, new Shape(feat.get(0), feat.get(1)));
    }
}
