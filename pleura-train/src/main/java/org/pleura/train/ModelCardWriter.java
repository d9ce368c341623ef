package org.pleura.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.OperatingPoint;
import org.pleura.train.data.LabelMatrix;
import org.pleura.train.eval.BootstrapCi;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.Interval;
import org.pleura.train.eval.ScoredLabels;

/**
 * Writes {@code MODEL_CARD.md} for a freshly trained package: what the model is for and not for, the data, how
 * it was trained (command, seed, time), validation metrics with bootstrap confidence intervals and the operating
 * points. Test-set metrics are added by whoever evaluates the package once on held-out data.
 */
public final class ModelCardWriter {

    private ModelCardWriter() {
    }

    /** The model card text (Markdown). */
    public static String write(TrainingConfig config, ModelDescriptor d, TrainingOutcome outcome, LabelMatrix train,
                               LabelMatrix val, Map<String, ScoredLabels> valScores, FindingCatalogue catalogue) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(d.id()).append(' ').append(d.version()).append(" — model card\n\n");
        md.append("**Pleura is an aid to the reader, not a diagnosis.** Every result must be reviewed by a qualified reader.\n\n");
        md.append("## Model\n\n");
        md.append(String.format(Locale.ROOT, "- Architecture: %s (ImageNet-style ResNet-18, stage widths %s, trained from scratch: no pretrained weights were available offline), one logit per output, class activation maps from the last convolution.%n",
                d.architecture().name(), d.architecture().widths()));
        md.append(String.format(Locale.ROOT, "- Input: %d x %d grayscale, whole image stretched to the square, per-image standardization.%n",
                d.preprocessing().inputSize(), d.preprocessing().inputSize()));
        md.append("- Outputs: ").append(String.join(", ", d.outputs())).append(" (`abnormal` is the study-level score: any finding).\n");
        md.append("- Weights: float16 on disk.\n\n");
        md.append("## Intended use\n\n");
        md.append("A second reader for adult frontal (PA or AP) chest radiographs: it scores findings, shows where they are and "
                + "calls each one positive, doubtful or negative, to help a radiologist or clinician prioritise and re-check. "
                + "It is not a diagnosis, not for lateral views, children, CT or any other body part, and not a replacement for "
                + "reading the image. Its scores are not probabilities of disease in a given hospital's population.\n\n");
        md.append("## Training data\n\n");
        md.append("Manifest: `").append(config.manifest()).append("`. ");
        md.append(String.format(Locale.ROOT, "%d training images (split `train`) and %d validation images (split `val`, used to "
                + "choose the epoch and the operating points); the `test` split was not used.%n%n", train.rows(), val.rows()));
        md.append("| output | train positives | train negatives | val positives | val negatives |\n|---|---:|---:|---:|---:|\n");
        for (int j = 0; j < d.outputs().size(); j++) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", d.outputs().get(j), train.positives(j),
                    train.negatives(j), val.positives(j), val.negatives(j)));
        }
        md.append("\nWhen the data is the NIH ChestX-ray14 subset shipped with Pleura: labels were text-mined from reports "
                + "(roughly 10-20 % wrong per finding), images are 512 px JPEG, and about half of the subset was selected for "
                + "pneumonia or for having radiologist boxes, so prevalences are far from a hospital's.\n\n");
        md.append("## Training\n\n");
        md.append("- Command: `").append(config.command().isBlank() ? "(API call)" : config.command()).append("`\n");
        md.append(String.format(Locale.ROOT, "- Seed %d; %d epochs run of %d (best epoch %d%s), %d steps of %d images.%n",
                config.seed(), outcome.epochsRun(), config.epochs(), outcome.bestEpoch(),
                outcome.stoppedEarly() ? ", stopped early" : "", outcome.steps(), config.batchSize()));
        md.append(String.format(Locale.ROOT, "- Training time: %s on %d CPU threads (no GPU).%n",
                ConsoleProgress.duration(outcome.trainingSeconds()), config.effectiveThreads()));
        md.append(String.format(Locale.ROOT, "- AdamW, learning rate %.1e with %.1f epoch(s) linear warm-up then cosine decay, weight decay %.1e; "
                        + "binary cross-entropy with unknown labels masked and positives weighted by negatives/positives (at most 20).%n",
                config.learningRate(), config.warmupEpochs(), config.weightDecay()));
        md.append(config.augment()
                ? "- Augmentation: rotation ±7°, scale 0.9-1.1, translation ±6 %, gamma 0.8-1.25, contrast ±15 %, noise; no left-right flip (the heart's side matters).\n\n"
                : "- No augmentation.\n\n");
        md.append("## Validation metrics\n\n");
        md.append("Measured on the validation split that also chose the epoch and the thresholds, so they are optimistic. "
                + "AUROC 95 % CI: stratified bootstrap, 1000 resamples.\n\n");
        md.append("| output | val AUROC (95 % CI) | doubtful threshold (sens / spec) | positive threshold (sens / spec) |\n|---|---|---|---|\n");
        BootstrapSettings boot = BootstrapSettings.DEFAULT.withResamples(1000);
        for (String id : d.outputs()) {
            ScoredLabels s = valScores.get(id);
            Double a = outcome.valAuroc().get(id);
            Optional<Interval> ci = s != null && s.hasBothClasses() ? BootstrapCi.auroc(s, boot) : Optional.empty();
            FindingThresholds t = d.thresholds().get(id);
            md.append(String.format(Locale.ROOT, "| %s (%s) | %s%s | %s | %s |%n", id, catalogue.get(id).nameEn(),
                    a == null ? "n/a" : String.format(Locale.ROOT, "%.3f", a),
                    ci.map(c -> String.format(Locale.ROOT, " (%.3f-%.3f)", c.lower(), c.upper())).orElse(""),
                    point(t.doubtful()), point(t.positive())));
        }
        md.append(String.format(Locale.ROOT, "%nMean validation AUROC over the findings: %.3f.%n%n", outcome.bestValMeanAuroc()));
        md.append("## Test metrics\n\n");
        md.append("Not computed during training. Evaluate once on held-out data with "
                + "`pleura evaluate --model <this package> --manifest <manifest>` and record the per-finding test AUROCs with "
                + "their confidence intervals here.\n\n");
        md.append("## How far from the state of the art, and why\n\n");
        md.append("CheXNet (Rajpurkar et al. 2017; DenseNet-121 pretrained on ImageNet, 78,000 NIH training images, GPU) reported "
                + "AUROC 0.889 for pneumothorax, 0.864 for effusion, 0.790 for consolidation and 0.780 for nodule. This model was "
                + "trained from scratch on " + train.rows() + " images on CPU, at a lower resolution and with a narrower network: expect "
                + "clearly lower and much less certain figures (see the confidence intervals), especially for small findings "
                + "(nodule, pneumothorax) that need resolution and data.\n\n");
        md.append("## Limitations\n\n");
        md.append("- Trained and validated on one public data set with noisy labels; performance on other hospitals, devices "
                + "and populations is unknown until measured there.\n");
        md.append("- Heat maps and boxes come from class activation maps at 1/32 of the input resolution: they show roughly where "
                + "the evidence is, not the outline of a lesion.\n");
        md.append("- Operating points were chosen on a small validation split; their sensitivity and specificity will differ on other data.\n");
        md.append("- Inputs must be frontal chest radiographs; the input checks that refuse other images are a separate component.\n");
        List<String> unc = unchecked(d);
        if (!unc.isEmpty()) {
            md.append("- No calibrated thresholds for: ").append(String.join(", ", unc)).append(" (validation lacked a class).\n");
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> unchecked(ModelDescriptor d) {
        Object u = d.training().get("uncalibrated_outputs");
        return u instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static String point(OperatingPoint p) {
        if (Double.isNaN(p.sensitivity())) {
            return String.format(Locale.ROOT, "%.3f (uncalibrated)", p.threshold());
        }
        return String.format(Locale.ROOT, "%.3f (%.2f / %.2f)", p.threshold(), p.sensitivity(), p.specificity());
    }
}
