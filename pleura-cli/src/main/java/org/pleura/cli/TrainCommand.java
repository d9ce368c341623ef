package org.pleura.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pleura.train.ConsoleProgress;
import org.pleura.train.Trainer;
import org.pleura.train.CallBudget;
import org.pleura.train.TrainingConfig;
import org.pleura.train.TrainingOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pleura train --manifest M.csv --out PKG [options]}: trains a finding model and writes a model package.
 * Wiring only: the work is {@link Trainer#train}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a finding model from a manifest and write a model package (model.json, weights, MODEL_CARD.md).",
                "The train split fits the weights; val chooses the epoch and the operating points; test is not used.",
                "A checkpoint is written beside PKG after every epoch; --resume continues from it."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--manifest", required = true, description = "Manifest CSV (path, patient_id, split, label columns).")
    Path manifest;

    @Option(names = "--out", required = true, description = "Model package directory to write.")
    Path out;

    @Option(names = "--input-size", defaultValue = "256", description = "Network input side in pixels (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--width", defaultValue = "32", description = "ResNet-18 base width; 64 is the standard network (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--epochs", defaultValue = "30", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate, AdamW (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "Decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--warmup-epochs", defaultValue = "1", description = "Linear warm-up before cosine decay (default: ${DEFAULT-VALUE}).")
    double warmupEpochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, order and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--patience", defaultValue = "6", description = "Stop after this many epochs without a better val mean AUROC (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--target-sensitivity", defaultValue = "0.90", description = "Sensitivity of the doubtful threshold on val (default: ${DEFAULT-VALUE}).")
    double targetSensitivity;

    @Option(names = "--target-specificity", defaultValue = "0.90", description = "Specificity of the positive threshold on val (default: ${DEFAULT-VALUE}).")
    double targetSpecificity;

    @Option(names = "--threads", defaultValue = "0", description = "Compute and decoding threads, 0 for all processors (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--cache-dir", description = "Where decoded images are cached (default: ~/.pleura/cache).")
    Path cacheDir;

    @Option(names = "--max-steps", defaultValue = "0", description = "Stop after this many steps, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--findings", split = ",", description = "Finding ids to train (default: every finding with enough positives).")
    List<String> findings = new ArrayList<>();

    @Option(names = "--min-train-positives", defaultValue = "50", description = "Positives a finding needs in train (default: ${DEFAULT-VALUE}).")
    int minTrainPositives;

    @Option(names = "--min-val-positives", defaultValue = "10", description = "Positives a finding needs in val (default: ${DEFAULT-VALUE}).")
    int minValPositives;

    @Option(names = "--no-augment", description = "Train without augmentation.")
    boolean noAugment;

    @Option(names = "--resume", description = "Continue from the checkpoint beside --out if there is one.")
    boolean resume;

    @Option(names = "--model-id", description = "Model id in model.json (default: pleura-chest or pleura-fracture).")
    String modelId;

    @Option(names = "--model-version", defaultValue = "1.0.0", description = "Model version in model.json (default: ${DEFAULT-VALUE}).")
    String modelVersion;

    @Option(names = "--balance-by", paramLabel = "COLUMN",
            description = "Reweight each label within the groups of this manifest column (e.g. source) to the pooled "
                    + "prevalence, so that the group cannot stand in for the label (default: none).")
    String balanceBy;

    @Option(names = "--select-by", paramLabel = "COLUMN",
            description = "Choose the epoch on the validation AUROC within the groups of this column, not pooled (default: pooled).")
    String selectBy;

    @Option(names = "--select-worst", description = "With --select-by: choose on the worst group instead of the mean over groups.")
    boolean selectWorst;

    @Option(names = "--acquisition-augment",
            description = "Also imitate acquisition differences: blur, sharpening, resampling, JPEG, tone curves, noise, redaction boxes.")
    boolean acquisitionAugment;

    @Option(names = "--boxes", paramLabel = "CSV",
            description = "Boxes CSV (path,finding,x,y,w,h): the boxes of training images keep each activation map on its finding.")
    Path boxes;

    @Option(names = "--box-loss-weight", defaultValue = "0.5", description = "Weight of the box loss (default: ${DEFAULT-VALUE}).")
    double boxLossWeight;

    @Option(names = "--dilated", description = "Dilate the last stage: activation maps at 1/16 of the input instead of 1/32.")
    boolean dilated;

    @Option(names = "--positive-calls-per-normal", defaultValue = "0.10",
            description = "Positive calls a normal validation study may get on average, all findings together (default: ${DEFAULT-VALUE}).")
    double positivePerNormal;

    @Option(names = "--calls-per-normal", defaultValue = "0.30",
            description = "Positive or doubtful calls a normal validation study may get on average (default: ${DEFAULT-VALUE}).")
    double anyPerNormal;

    @Option(names = "--min-auroc-lower-bound", defaultValue = "0.60",
            description = "A finding whose validation AUROC has a lower 95%% bound under this is not called (default: ${DEFAULT-VALUE}).")
    double minLowerBound;

    @Option(names = "--kind", defaultValue = "chest", paramLabel = "chest|fracture",
            description = "What the model is: chest (a classifier of frontal chest radiographs, catalogue chest) or "
                    + "fracture (a box detector of fractures on limb, shoulder and pelvis radiographs, catalogue "
                    + "fracture; needs --boxes) (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--catalogue", paramLabel = "ID|FILE",
            description = "Finding catalogue: bundled id (chest, fracture) or a catalogue JSON file (default: the kind's).")
    String catalogue;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainingConfig.Builder b = TrainingConfig.builder(manifest, out)
                .inputSize(inputSize).width(width).epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .weightDecay(weightDecay).warmupEpochs(warmupEpochs).seed(seed).patience(patience)
                .targetSensitivity(targetSensitivity).targetSpecificity(targetSpecificity).threads(threads)
                .maxSteps(maxSteps).findings(findings).minTrainPositives(minTrainPositives)
                .minValPositives(minValPositives).augment(!noAugment).resume(resume)
                .modelId(modelId != null ? modelId : "pleura-" + kind)
                .modelVersion(modelVersion).command(commandLine())
                .shortcuts(new TrainingConfig.Shortcuts(balanceBy, selectBy, selectWorst, acquisitionAugment))
                .localisation(new TrainingConfig.Localisation(boxes, boxLossWeight, dilated))
                .calls(new CallBudget(positivePerNormal, anyPerNormal, minLowerBound))
                .kind(kind());
        if (cacheDir != null) {
            b.cacheDir(cacheDir);
        }
        TrainingConfig config = b.build();
        TrainingOutcome outcome = Trainer.train(config, new ConsoleProgress(System.err, config.batchSize()));
        System.out.printf(java.util.Locale.ROOT, "%s: best epoch %d, validation figure %.4f, %d steps%n",
                outcome.packageDir(), outcome.bestEpoch(), outcome.bestValMeanAuroc(), outcome.steps());
        return 0;
    }

    private TrainingConfig.Kind kind() {
        TrainingConfig.Kind k = switch (kind) {
            case "chest" -> TrainingConfig.Kind.chest();
            case "fracture" -> TrainingConfig.Kind.fracture();
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--kind must be chest or fracture");
        };
        return catalogue == null ? k : new TrainingConfig.Kind(catalogue, k.detector(), k.input(), k.augmentation());
    }

    private String commandLine() {
        List<String> args = spec == null ? List.of() : spec.commandLine().getParseResult().originalArgs();
        // run through the pleura command, the arguments start with the subcommand's own name
        List<String> own = !args.isEmpty() && args.get(0).equals("train") ? args.subList(1, args.size()) : args;
        return "pleura train " + String.join(" ", own);
    }

    /** Runs the command alone (e.g. from a class path without the rest of the CLI). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }
}
