package org.pleura.model.pkg;

import java.util.List;
import org.pleura.model.net.ResNetSpec;

/**
 * The network's shape as written in {@code model.json}.
 *
 * @param name           short name, e.g. {@code resnet18-w32}
 * @param family         {@code resnet} (the only family so far)
 * @param blocks         residual blocks per stage
 * @param widths         channels per stage
 * @param inputChannels  image channels
 * @param outputStride   input pixels per cell of the last feature map; absent (0) in packages written before it
 *                       existed, which means the full stride of the stages
 */
public record Architecture(String name, String family, List<Integer> blocks, List<Integer> widths, int inputChannels,
                           int outputStride) {

    /** The only family. */
    public static final String RESNET = "resnet";

    /** The architecture of a ResNet spec. */
    public static Architecture of(ResNetSpec spec) {
        return new Architecture(spec.name(), RESNET, spec.blocks(), spec.widths(), spec.inputChannels(),
                spec.outputStride());
    }

    /** The ResNet spec; fails with a message if the family is not supported. */
    public ResNetSpec toSpec() {
        if (!RESNET.equals(family)) {
            throw new IllegalArgumentException("architecture family '" + family + "' is not supported (only " + RESNET + ")");
        }
        return outputStride == 0 ? new ResNetSpec(blocks, widths, inputChannels)
                : new ResNetSpec(blocks, widths, inputChannels, outputStride);
    }
}
