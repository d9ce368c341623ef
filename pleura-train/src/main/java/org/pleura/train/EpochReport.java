package org.pleura.train;

import java.util.Map;

/**
 * What one epoch achieved.
 *
 * @param epoch          1-based epoch number
 * @param steps          total steps done after this epoch
 * @param trainLoss      mean training loss over the epoch
 * @param valAuroc       validation AUROC per output id (outputs without both classes are absent)
 * @param valMeanAuroc   mean validation AUROC over the findings (the study-level output excluded)
 * @param seconds        wall time of the epoch, validation included
 * @param learningRate   learning rate at the end of the epoch
 * @param improved       true if this epoch is the best so far
 * @param selectionScore the validation figure that chooses the epoch (see the run's selection; equal to
 *                       {@code valMeanAuroc} when it is pooled)
 */
public record EpochReport(int epoch, int steps, double trainLoss, Map<String, Double> valAuroc, double valMeanAuroc,
                          double seconds, double learningRate, boolean improved, double selectionScore) {

    public EpochReport {
        valAuroc = Map.copyOf(valAuroc);
    }

    /** A report of a run chosen on the pooled mean AUROC. */
    public EpochReport(int epoch, int steps, double trainLoss, Map<String, Double> valAuroc, double valMeanAuroc,
                       double seconds, double learningRate, boolean improved) {
        this(epoch, steps, trainLoss, valAuroc, valMeanAuroc, seconds, learningRate, improved, valMeanAuroc);
    }
}
