package org.pleura.model.net;

import java.util.List;

/**
 * Shape of a ResNet with basic (two 3x3 convolutions) residual blocks.
 *
 * @param blocks        residual blocks per stage, e.g. {@code [2, 2, 2, 2]} for ResNet-18
 * @param widths        channels per stage, e.g. {@code [64, 128, 256, 512]}; the stem has {@code widths[0]}
 * @param inputChannels image channels (1 for grayscale radiographs)
 * @param outputStride  input pixels per cell of the last feature map: {@code 4 << (stages - 1)} (32 for four
 *                      stages), or half of that when the last stage keeps its input's resolution and dilates its
 *                      3x3 convolutions by 2 instead (Yu and Koltun 2016; finer activation maps, same weights)
 */
public record ResNetSpec(List<Integer> blocks, List<Integer> widths, int inputChannels, int outputStride) {

    /** A ResNet whose stages each halve the resolution (output stride {@code 4 << (stages - 1)}). */
    public ResNetSpec(List<Integer> blocks, List<Integer> widths, int inputChannels) {
        this(blocks, widths, inputChannels, 4 << (Math.max(1, widths.size()) - 1));
    }

    public ResNetSpec {
        blocks = List.copyOf(blocks);
        widths = List.copyOf(widths);
        if (blocks.isEmpty() || blocks.size() != widths.size()) {
            throw new IllegalArgumentException("a ResNet needs as many stage widths as stages: " + blocks + " / " + widths);
        }
        if (blocks.stream().anyMatch(b -> b < 1) || widths.stream().anyMatch(w -> w < 1) || inputChannels < 1) {
            throw new IllegalArgumentException("ResNet blocks, widths and channels must be positive");
        }
        int full = 4 << (widths.size() - 1);
        if (outputStride != full && !(outputStride == full / 2 && widths.size() > 1)) {
            throw new IllegalArgumentException("output stride must be " + full + ", or " + full / 2
                    + " with a dilated last stage: " + outputStride);
        }
    }

    /** The same network with its last stage dilated (half the output stride, twice the map resolution). */
    public ResNetSpec dilated() {
        return new ResNetSpec(blocks, widths, inputChannels, (4 << (widths.size() - 1)) / 2);
    }

    /** Whether the last stage is dilated rather than strided. */
    public boolean lastStageDilated() {
        return outputStride != 4 << (widths.size() - 1);
    }

    /** The standard ResNet-18 (He et al. 2016): stages of 2 blocks, 64/128/256/512 channels, 1 input channel. */
    public static ResNetSpec resnet18() {
        return resnet18(64);
    }

    /** ResNet-18 with stage widths {@code base, 2 base, 4 base, 8 base} (64 is the standard network). */
    public static ResNetSpec resnet18(int base) {
        return new ResNetSpec(List.of(2, 2, 2, 2), List.of(base, 2 * base, 4 * base, 8 * base), 1);
    }

    /** Channels of the last feature map (input of the linear head). */
    public int featureChannels() {
        return widths.get(widths.size() - 1);
    }

    /** Total stride from input to last feature map: 2 (stem) x 2 (pool) x 2 per later stage (but a dilated last). */
    public int stride() {
        return outputStride;
    }

    /** A short name, e.g. {@code resnet18} or {@code resnet18-w32}. */
    public String name() {
        boolean basic18 = blocks.equals(List.of(2, 2, 2, 2));
        String depth = basic18 ? "resnet18" : "resnet" + blocks;
        String name = widths.get(0) == 64 ? depth : depth + "-w" + widths.get(0);
        return lastStageDilated() ? name + "-os" + outputStride : name;
    }
}
