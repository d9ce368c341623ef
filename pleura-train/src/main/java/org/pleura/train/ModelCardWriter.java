package org.pleura.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pleura.image.augment.AcquisitionSettings;
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
 * Writes {@code MODEL_CARD.md} for a freshly trained package: what the model is for and not for, the data, how it
 * was trained (command, seed, time, defences against shortcuts, box supervision), validation metrics with bootstrap
 * confidence intervals, overall and within groups, the operating points with the calls a normal study gets, and the
 * findings not validated for calls. The test section is written later, once, by {@code pleura evaluate --card}.
 */
public final class ModelCardWriter {

    /** The heading of the section {@code pleura evaluate --card} replaces. */
    public static final String TEST_SECTION = "## Test metrics";

    private ModelCardWriter() {
    }

    /** The model card text (Markdown). */
    public static String write(TrainingConfig config, ModelDescriptor d, TrainingOutcome outcome, LabelMatrix train,
                               LabelMatrix val, Map<String, ScoredLabels> valScores, FindingCatalogue catalogue) {
        boolean detector = d.detects();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(d.id()).append(' ').append(d.version()).append(" \u2014 model card\n\n");
        md.append("**Pleura is an aid to the reader, not a diagnosis.** Every result must be reviewed by a qualified reader.\n\n");
        md.append("## Model\n\n");
        if (detector) {
            md.append(String.format(Locale.ROOT, "- Architecture: %s with a box head (CenterNet-style: a centre heat map per "
                    + "finding and the box's size and offset at each centre, at 1/%d of the input), trained from scratch (no "
                    + "pretrained weights were available offline). A finding's score is its best box's score.%n",
                    d.architecture().name(), d.architecture().outputStride()));
        } else {
            md.append(String.format(Locale.ROOT, "- Architecture: %s (ImageNet-style ResNet-18, stage widths %s, trained from "
                    + "scratch: no pretrained weights were available offline), one logit per output, class activation maps "
                    + "from the last convolution at 1/%d of the input.%n", d.architecture().name(), d.architecture().widths(),
                    d.architecture().outputStride() == 0 ? 32 : d.architecture().outputStride()));
        }
        md.append(String.format(Locale.ROOT, "- Input: %d x %d grayscale, whole image stretched to the square, per-image "
                + "standardization. Reads %s (%s; body parts: %s; views: %s).%n", d.preprocessing().inputSize(),
                d.preprocessing().inputSize(), d.inputOrDefault().reads(), String.join(", ", d.inputOrDefault().modalities()),
                d.inputOrDefault().bodyParts().isEmpty() ? "any" : String.join(", ", d.inputOrDefault().bodyParts()),
                d.inputOrDefault().views().isEmpty() ? "any" : String.join(", ", d.inputOrDefault().views())));
        md.append("- Catalogue `").append(catalogue.id()).append("`; outputs: ").append(String.join(", ", d.outputs()))
                .append(" (`").append(catalogue.studyLevel().id()).append("` is the study-level score).\n");
        if (d.regionPrior() != null) {
            md.append(String.format(Locale.ROOT, "- Boxes are drawn only where the training boxes were (a %dx%d grid covering "
                    + "%.0f %% of the image: the thorax, not the abdomen or the neck).%n", d.regionPrior().width(),
                    d.regionPrior().height(), 100 * d.regionPrior().allowedFraction()));
        }
        md.append("- Weights: float16 on disk.\n\n");

        md.append("## Intended use, and what it is not fit for\n\n");
        md.append(intendedUse(catalogue.id())).append("\n\n");

        md.append("## Training data\n\n");
        md.append("Manifest: `").append(config.manifest()).append("`. ");
        md.append(String.format(Locale.ROOT, "%d training images (split `train`) and %d validation images (split `val`, used to "
                + "choose the epoch and the operating points); the `test` split was not used in training.%n%n", train.rows(),
                val.rows()));
        md.append("| output | train positives | train negatives | val positives | val negatives |\n|---|---:|---:|---:|---:|\n");
        for (int j = 0; j < d.outputs().size(); j++) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", d.outputs().get(j), train.positives(j),
                    train.negatives(j), val.positives(j), val.negatives(j)));
        }
        md.append('\n').append(dataNotes(catalogue.id())).append("\n\n");

        md.append("## Training\n\n");
        md.append("- Command: `").append(config.command().isBlank() ? "(API call)" : config.command()).append("`\n");
        md.append(String.format(Locale.ROOT, "- Seed %d; %d epochs run of %d (best epoch %d%s), %d steps of %d images.%n",
                config.seed(), outcome.epochsRun(), config.epochs(), outcome.bestEpoch(),
                outcome.stoppedEarly() ? ", stopped early" : "", outcome.steps(), config.batchSize()));
        md.append(String.format(Locale.ROOT, "- Training time: %s on %d CPU threads (no GPU).%n",
                ConsoleProgress.duration(outcome.trainingSeconds()), config.effectiveThreads()));
        md.append(String.format(Locale.ROOT, "- AdamW, learning rate %.1e with %.1f epoch(s) linear warm-up then cosine decay, "
                + "weight decay %.1e.%n", config.learningRate(), config.warmupEpochs(), config.weightDecay()));
        md.append(detector
                ? "- Loss: focal loss on the centre heat maps and L1 on box size and offset at centres (CenterNet), plus a "
                        + "weighted image-level cross-entropy of an auxiliary classifier.\n"
                : "- Loss: binary cross-entropy with unknown labels masked and positives weighted by negatives/positives (at most 20)"
                        + (d.training().get("box_supervision") instanceof Map<?, ?> b && b.get("boxes") instanceof Number n
                        && n.intValue() > 0 ? String.format(Locale.ROOT, "; plus a box loss keeping each finding's "
                        + "activation map inside the radiologists' boxes on %s training images (weight %s)", b.get("images"),
                        b.get("weight")) : "") + ".\n");
        var aug = config.kind().augmentation();
        md.append(config.augment()
                ? String.format(Locale.ROOT, "- Augmentation: rotation \u00b1%.0f\u00b0, scale %.2f-%.2f, translation "
                        + "\u00b1%.0f %%, gamma %.2f-%.2f, contrast \u00b1%.0f %%, noise%s", aug.maxRotationDegrees(),
                        aug.minScale(), aug.maxScale(), 100 * aug.maxTranslation(), 1 / aug.maxGamma(), aug.maxGamma(),
                        100 * aug.maxContrast(), aug.flipLeftRight() ? ", left-right flips"
                        : "; no left-right flip (the heart's side matters)")
                        + (config.shortcuts().acquisitionAugment() ? "; and, against differences between sites and "
                        + "subsets, " + describe(AcquisitionSettings.acrossSites()) : "") + ".\n"
                : "- No augmentation.\n");
        if (!config.shortcuts().balanceBy().isEmpty()) {
            md.append("- Against shortcuts: each label reweighted within each `").append(config.shortcuts().balanceBy())
                    .append("` group to the pooled prevalence, so that the group cannot stand in for the label.\n");
        }
        md.append("- Epoch chosen on the ").append(String.valueOf(d.training().getOrDefault("selection",
                "mean validation AUROC"))).append(".\n\n");

        md.append("## Validation metrics\n\n");
        md.append("Measured on the validation split that also chose the epoch and the thresholds, so they are optimistic. "
                + "AUROC 95 % CI: stratified bootstrap of patients (each with all its images), 1000 resamples.\n\n");
        md.append("| output | val AUROC (95 % CI) |\n|---|---|\n");
        BootstrapSettings boot = BootstrapSettings.DEFAULT.withResamples(1000);
        for (String id : d.outputs()) {
            ScoredLabels s = valScores.get(id);
            Double a = outcome.valAuroc().get(id);
            Optional<Interval> ci = s != null && s.hasBothClasses() ? BootstrapCi.auroc(s, boot) : Optional.empty();
            md.append(String.format(Locale.ROOT, "| %s (%s) | %s%s |%n", id, catalogue.get(id).nameEn(),
                    a == null ? "n/a" : String.format(Locale.ROOT, "%.3f", a),
                    ci.map(c -> String.format(Locale.ROOT, " (%.3f-%.3f)", c.lower(), c.upper())).orElse("")));
        }
        if (d.training().get("val_auroc_by_group") instanceof Map<?, ?> groups && !groups.isEmpty()) {
            md.append("\nWithin the groups the epoch was chosen on (groups with at least 5 positives and 5 negatives):\n\n");
            groups.forEach((id, byGroup) -> {
                if (byGroup instanceof Map<?, ?> m && !m.isEmpty()) {
                    StringBuilder line = new StringBuilder();
                    m.forEach((g, v) -> line.append(String.format(Locale.ROOT, " %s %.3f;", g, ((Number) v).doubleValue())));
                    md.append("- ").append(id).append(':').append(line).append('\n');
                }
            });
        }
        md.append('\n');

        md.append("## Operating points and calls per normal study\n\n");
        md.append("Chosen by: ").append(String.valueOf(d.training().getOrDefault("operating_points", "targets"))).append(".\n\n");
        md.append("| output | doubtful threshold (val sens / spec) | positive threshold (val sens / spec) | val normal studies "
                + "called (doubtful or positive / positive) |\n|---|---|---|---|\n");
        Map<?, ?> rates = d.training().get("val_normal_call_rates") instanceof Map<?, ?> r ? r : Map.of();
        for (String id : d.outputs()) {
            FindingThresholds t = d.thresholds().get(id);
            String rate = rates.get(id) instanceof Map<?, ?> m && m.get("positive") instanceof Number p
                    && m.get("doubtful_or_positive") instanceof Number dp
                    ? String.format(Locale.ROOT, "%.1f %% / %.1f %%", 100 * dp.doubleValue(), 100 * p.doubleValue()) : "n/a";
            if (!t.validated()) {
                md.append(String.format(Locale.ROOT, "| %s | **not validated for calls**: %s | | |%n", id, t.notValidated()));
            } else {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", id, point(t.doubtful()), point(t.positive()),
                        rate));
            }
        }
        if (d.training().get("val_normal_study_burden") instanceof Map<?, ?> b && b.get("calls_per_study") instanceof Number c) {
            md.append(String.format(Locale.ROOT, "%nExpected calls on a normal study (validation, %s normal studies): "
                    + "%.1f %% get a positive call, %.1f %% get any call, %.2f calls per study. Measured on test below.%n",
                    b.get("normal_studies") instanceof Number n ? String.valueOf(n.intValue()) : "?",
                    100 * ((Number) b.get("share_with_positive_call")).doubleValue(),
                    100 * ((Number) b.get("share_with_any_call")).doubleValue(), c.doubleValue()));
        }
        List<String> nv = d.thresholds().entrySet().stream().filter(e -> !e.getValue().validated()).map(Map.Entry::getKey)
                .toList();
        if (!nv.isEmpty()) {
            md.append("\nNot validated for calls (scored and shown as such, never called, never boxed): ")
                    .append(String.join(", ", nv)).append(".\n");
        }
        md.append('\n');

        md.append(TEST_SECTION).append("\n\n");
        md.append("Not computed during training. Evaluate once on held-out data with `pleura evaluate --model <this package> "
                + "--manifest <manifest> --split test --by <columns> --card`, which writes this section.\n\n");
        md.append("## Limitations\n\n").append(limitations(catalogue.id(), detector)).append('\n');
        return md.toString();
    }

    private static String describe(AcquisitionSettings a) {
        return String.format(Locale.ROOT, "blur up to %.1f px or sharpening up to %.1f (%.0f %% of images), resampling to "
                + "%.0f-100 %% (%.0f %%), JPEG quality %d-95 (%.0f %%), tone curves (%.0f %%), noise up to %.2f, black "
                + "redaction boxes (%.0f %%)", a.maxBlurSigma(), a.maxSharpenAmount(), 100 * a.blurSharpenProbability(),
                100 * a.minResampleScale(), 100 * a.resampleProbability(), a.minJpegQuality(), 100 * a.jpegProbability(),
                100 * a.toneCurveProbability(), a.maxNoiseSigma(), 100 * a.redactionProbability());
    }

    private static String intendedUse(String catalogue) {
        return switch (catalogue) {
            case "chest" -> "A second reader for adult frontal (PA or AP) chest radiographs: it scores findings, shows where "
                    + "they are and calls each one positive, doubtful or negative, to help a radiologist or clinician "
                    + "prioritise and re-check. It is not a diagnosis, not for lateral views, children, CT or any other body "
                    + "part, and not a replacement for reading the image. Its scores are not probabilities of disease in a "
                    + "given hospital's population. Not fit for: ruling a finding out (a negative call is not a normal "
                    + "study), screening, children, portable images of patients with tubes and lines it has not seen, or any "
                    + "finding listed as not validated for calls.";
            case "fracture" -> "A second reader for fractures on adult radiographs of the limbs, shoulder and pelvis (any "
                    + "view): a solid box around a fracture it is sure of, a dotted box around a doubtful one, \"no fracture\" "
                    + "when it sees none, to help an emergency physician or radiologist re-check. It is not a diagnosis. Not "
                    + "fit for: children (open growth plates), skull, spine or ribs, CT, follow-up of healing, or images much "
                    + "smaller than 400 pixels a side; a negative call does not rule a fracture out.";
            default -> "A second reader for the findings of catalogue `" + catalogue + "`. It is not a diagnosis.";
        };
    }

    private static String dataNotes(String catalogue) {
        return switch (catalogue) {
            case "chest" -> "When the data is the NIH ChestX-ray14 subset shipped with Pleura: labels were text-mined from "
                    + "reports (roughly 10-20 % wrong per finding), images are 512 px JPEG, and the subset mixes public "
                    + "subsets selected in different ways (`source`: a pneumonia-versus-normal subset published at 512 px, "
                    + "every image with NIH boxes, normal images and teaching cases from the 1024 px originals), so the "
                    + "source alone predicts the labels: see the shortcut audit in the test section.";
            case "fracture" -> "When the data is FracAtlas (Abedeen et al., Scientific Data 2023, CC BY 4.0): three hospitals "
                    + "in Bangladesh, adults and children mixed, small images (373 x 454 px for most), duplicates grouped "
                    + "in one split; 97 of the 99 images with orthopaedic hardware are fractured (a shortcut: see the "
                    + "results with and without hardware in the test section).";
            default -> "";
        };
    }

    private static String limitations(String catalogue, boolean detector) {
        StringBuilder s = new StringBuilder();
        s.append("- Trained and validated on one public data set with noisy labels; performance on other hospitals, devices "
                + "and populations is unknown until measured there.\n");
        s.append("- Operating points were chosen on a small validation split; their sensitivity, specificity and calls per "
                + "normal study will differ on other data.\n");
        if (!detector) {
            s.append("- Heat maps and boxes come from class activation maps: they show roughly where the evidence is, not "
                    + "the outline of a lesion.\n");
        }
        s.append("- Inputs must be images the model reads (see Model); the input checks that refuse other images are a "
                + "separate component.\n");
        if ("chest".equals(catalogue)) {
            s.append("- Trained from scratch on about 1,500 images on a CPU: far from models trained on 100,000 images "
                    + "with pretrained weights (CheXNet reported AUROC 0.89 pneumothorax, 0.86 effusion, 0.79 "
                    + "consolidation, 0.78 nodule on NIH).\n");
        }
        return s.toString();
    }

    private static String point(OperatingPoint p) {
        if (Double.isNaN(p.sensitivity())) {
            return String.format(Locale.ROOT, "%.3f (uncalibrated)", p.threshold());
        }
        return String.format(Locale.ROOT, "%.3f (%.2f / %.2f)", p.threshold(), p.sensitivity(), p.specificity());
    }
}
