package org.pleura.model.inference;

import org.pleura.model.result.DetectionResult;

/**
 * Turns one image's raw network output into findings: scores, calls, maps and regions in source pixels. The
 * classifier's {@link Postprocessor} reads class activation maps; the detector's {@link BoxDecoder} reads box maps.
 */
public interface OutputInterpreter {

    /**
     * @param out          the network's output for one image
     * @param sourceWidth  the image's width in pixels (regions are in these pixels)
     * @param sourceHeight the image's height in pixels
     */
    DetectionResult interpret(NetworkOutput out, int sourceWidth, int sourceHeight);
}
