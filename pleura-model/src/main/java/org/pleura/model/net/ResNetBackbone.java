package org.pleura.model.net;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * Builds the convolutional part of an ImageNet-style ResNet from DJL blocks: input {@code (N, C, H, W)}, output
 * the last feature map {@code (N, widths[last], H / stride, W / stride)}.
 */
public final class ResNetBackbone {

    private ResNetBackbone() {
    }

    /** The backbone for a spec. */
    public static SequentialBlock build(ResNetSpec spec) {
        SequentialBlock net = new SequentialBlock();
        int w0 = spec.widths().get(0);
        net.add(conv(w0, 7, 2, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = w0;
        int last = spec.blocks().size() - 1;
        for (int s = 0; s < spec.blocks().size(); s++) {
            int width = spec.widths().get(s);
            boolean dilated = s == last && spec.lastStageDilated();
            for (int b = 0; b < spec.blocks().get(s); b++) {
                int stride = (s > 0 && b == 0 && !dilated) ? 2 : 1;
                net.add(basicBlock(in, width, stride, dilated ? 2 : 1));
                in = width;
            }
        }
        return net;
    }

    /**
     * Two 3x3 convolutions (dilated by {@code dilation}) with a shortcut (1x1 projection when the shape changes),
     * then ReLU.
     */
    static Block basicBlock(int in, int out, int stride, int dilation) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride, dilation, dilation))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(out, 3, 1, dilation, dilation))
                .add(BatchNorm.builder().build());
        Block shortcut = (stride == 1 && in == out)
                ? Blocks.identityBlock()
                : new SequentialBlock().add(conv(out, 1, stride, 0, 1)).add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        java.util.List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Conv2d conv(int filters, int kernel, int stride, int pad, int dilation) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation))
                .setFilters(filters)
                .optBias(false)
                .build();
    }
}
