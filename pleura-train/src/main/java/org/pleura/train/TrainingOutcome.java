package org.pleura.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pleura.model.pkg.ModelPackage;

/**
 * The result of a training run.
 *
 * @param modelPackage     the written package
 * @param bestEpoch        epoch whose weights were kept
 * @param bestValMeanAuroc its validation mean AUROC
 * @param valAuroc         its validation AUROC per output
 * @param epochsRun        epochs run in total (over resumes)
 * @param steps            optimizer steps in total
 * @param trainingSeconds  wall time of training and validation in total (over resumes), caching excluded
 * @param stoppedEarly     true if validation stopped improving before the last epoch
 * @param history          one report per epoch
 * @param packageDir       where the package was written
 */
public record TrainingOutcome(ModelPackage modelPackage, int bestEpoch, double bestValMeanAuroc,
                              Map<String, Double> valAuroc, int epochsRun, int steps, double trainingSeconds,
                              boolean stoppedEarly, List<EpochReport> history, Path packageDir) {

    public TrainingOutcome {
        valAuroc = Map.copyOf(valAuroc);
        history = List.copyOf(history);
    }
}
