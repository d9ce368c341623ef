package org.pleura.train.eval;

import java.util.OptionalDouble;

/**
 * Localisation metrics of one finding (or of all findings pooled).
 *
 * @param finding the finding id, or {@code all} for the pooled figures
 * @param peakHits images (with at least one true box of the finding) whose heat-map peak falls inside one of
 *     the true boxes, out of all such images; an image without a peak counts as a miss
 * @param missingPeaks how many of those images had no peak given
 * @param trueBoxes the number of true boxes
 * @param predictedBoxes the number of predicted boxes on images that have true boxes of the finding
 * @param boxesWithPrediction true boxes on whose image the model drew at least one box for the finding
 * @param meanBestIou the mean over true boxes of the best IoU with a predicted box of the same finding on
 *     the same image (0 when there is none), empty without true boxes
 * @param iouAtLeast10 true boxes whose best IoU is at least 0.1
 * @param iouAtLeast25 true boxes whose best IoU is at least 0.25
 * @param iouAtLeast50 true boxes whose best IoU is at least 0.5
 */
public record LocalisationStats(String finding, Proportion peakHits, int missingPeaks, int trueBoxes,
    int predictedBoxes, int boxesWithPrediction, OptionalDouble meanBestIou, Proportion iouAtLeast10,
    Proportion iouAtLeast25, Proportion iouAtLeast50) {}
