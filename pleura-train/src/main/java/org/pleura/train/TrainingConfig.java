package org.pleura.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a training run depends on. Build one with {@link #builder(Path, Path)}; defaults are the ones the
 * bundled model was trained with.
 *
 * @param manifest          the manifest CSV (docs/formats.md)
 * @param out               the model package directory to write
 * @param inputSize         network input side in pixels
 * @param width             ResNet-18 base width (64 is the standard network, 32 a quarter of the compute)
 * @param epochs            most epochs
 * @param batchSize         images per step
 * @param learningRate      peak learning rate (AdamW)
 * @param weightDecay       decoupled weight decay of convolution and linear weights
 * @param warmupEpochs      epochs of linear learning-rate warm-up before the cosine decay
 * @param seed              seed of the engine, initialisation, shuffling and augmentation
 * @param patience          stop after this many epochs without a better validation mean AUROC
 * @param targetSensitivity sensitivity the {@code doubtful} threshold must reach on validation
 * @param targetSpecificity specificity the {@code positive} threshold must reach on validation
 * @param threads           engine and decoding threads (0: all processors)
 * @param cacheDir          where decoded images are cached
 * @param maxSteps          stop after this many steps in total (0: no limit; for tests and benchmarks)
 * @param findings          finding ids to train (empty: every catalogue finding with enough positives)
 * @param minTrainPositives a finding is trained when it has at least this many positives in {@code train} ...
 * @param minValPositives   ... and this many in {@code val}
 * @param augment           apply radiograph augmentations
 * @param resume            continue from the last checkpoint beside {@code out} if there is one
 * @param modelId           id written in {@code model.json}
 * @param modelVersion      version written in {@code model.json}
 * @param command           the command line that started the run, for the model card
 * @param shortcuts         what keeps the model from learning where an image comes from instead of the finding
 * @param localisation      box supervision and map resolution
 * @param calls             how the operating points are chosen for the reading room
 * @param kind              what the model is: its catalogue, classifier or box detector, the images it reads
 */
public record TrainingConfig(Path manifest, Path out, int inputSize, int width, int epochs, int batchSize,
                             double learningRate, double weightDecay, double warmupEpochs, long seed, int patience,
                             double targetSensitivity, double targetSpecificity, int threads, Path cacheDir,
                             int maxSteps, List<String> findings, int minTrainPositives, int minValPositives,
                             boolean augment, boolean resume, String modelId, String modelVersion, String command,
                             Shortcuts shortcuts, Localisation localisation, CallBudget calls, Kind kind) {

    /**
     * What the model is.
     *
     * @param catalogue a catalogue bundled with Pleura ({@code chest}, {@code fracture}) or a catalogue JSON file
     * @param detector  a box detector ({@link org.pleura.model.net.DetectionNetwork}; needs training boxes) rather
     *                  than a classifier with activation maps
     * @param input     the images it reads
     * @param augmentation the geometric and photometric augmentations that suit those images
     */
    public record Kind(String catalogue, boolean detector, org.pleura.model.pkg.InputRules input,
                       org.pleura.image.augment.AugmentationSettings augmentation) {
        public Kind {
            Objects.requireNonNull(catalogue, "catalogue");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(augmentation, "augmentation");
        }

        /** A classifier of frontal chest radiographs with the bundled chest catalogue (no left-right flip). */
        public static Kind chest() {
            return new Kind("chest", false, org.pleura.model.pkg.InputRules.frontalChest(),
                    org.pleura.image.augment.AugmentationSettings.radiographDefaults());
        }

        /** A box detector of fractures on limb, shoulder and pelvis radiographs (flips allowed). */
        public static Kind fracture() {
            return new Kind("fracture", true, org.pleura.model.pkg.InputRules.limbsShoulderPelvis(),
                    org.pleura.image.augment.AugmentationSettings.limbDefaults());
        }
    }

    /**
     * Defences against shortcut learning (Zech et al. 2018: a model that learns the hospital instead of the finding).
     *
     * @param balanceBy          manifest column (e.g. {@code source}) within whose groups each label is reweighted to
     *                           the pooled prevalence ({@link org.pleura.train.data.SampleWeights}); empty for none
     * @param selectBy           manifest column whose groups the validation AUROC is measured within to choose the
     *                           epoch (mean over findings of the mean or worst group); empty for the pooled AUROC
     * @param selectWorst        choose on the worst group rather than the mean over groups
     * @param acquisitionAugment imitate acquisition and processing differences (blur, sharpening, resampling, JPEG,
     *                           tone curves, noise, redaction boxes) on top of the geometric augmentations
     */
    public record Shortcuts(String balanceBy, String selectBy, boolean selectWorst, boolean acquisitionAugment) {
        public Shortcuts {
            balanceBy = balanceBy == null ? "" : balanceBy.strip();
            selectBy = selectBy == null ? "" : selectBy.strip();
        }

        /** No defence: pooled selection, no reweighting, geometric and photometric augmentations only. */
        public static Shortcuts none() {
            return new Shortcuts("", "", false, false);
        }
    }

    /**
     * Where the findings are.
     *
     * @param boxes          a boxes CSV whose boxes on training images supervise the activation maps, or null
     * @param boxLossWeight  weight of the box loss beside the classification loss
     * @param dilated        dilate the last stage: maps at 1/16 of the input instead of 1/32
     */
    public record Localisation(Path boxes, double boxLossWeight, boolean dilated) {
        public Localisation {
            if (!(boxLossWeight >= 0)) {
                throw new IllegalArgumentException("box loss weight must be non-negative: " + boxLossWeight);
            }
        }

        /** No box supervision, maps at 1/32. */
        public static Localisation none() {
            return new Localisation(null, 0, false);
        }
    }

    public TrainingConfig {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(shortcuts, "shortcuts");
        Objects.requireNonNull(localisation, "localisation");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(kind, "kind");
        findings = List.copyOf(findings);
        check(inputSize >= 32 && inputSize <= 1024, "input size must be between 32 and 1024: " + inputSize);
        check(width >= 4, "width must be at least 4: " + width);
        check(epochs >= 1, "epochs must be at least 1: " + epochs);
        check(batchSize >= 2, "batch size must be at least 2 (batch normalisation): " + batchSize);
        check(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1): " + learningRate);
        check(weightDecay >= 0, "weight decay must be non-negative: " + weightDecay);
        check(warmupEpochs >= 0, "warm-up must be non-negative: " + warmupEpochs);
        check(patience >= 1, "patience must be at least 1: " + patience);
        check(targetSensitivity > 0 && targetSensitivity <= 1, "target sensitivity must be in (0, 1]: " + targetSensitivity);
        check(targetSpecificity > 0 && targetSpecificity <= 1, "target specificity must be in (0, 1]: " + targetSpecificity);
        check(threads >= 0 && maxSteps >= 0 && minTrainPositives >= 1 && minValPositives >= 1,
                "threads and max steps must be non-negative, minimum positives at least 1");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Threads actually used. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Where checkpoints go: a directory beside the package, {@code <out>.checkpoint}. */
    public Path checkpointDir() {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".checkpoint");
    }

    /** A builder with the defaults. */
    public static Builder builder(Path manifest, Path out) {
        return new Builder(manifest, out);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(manifest, out);
        b.inputSize = inputSize;
        b.width = width;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.weightDecay = weightDecay;
        b.warmupEpochs = warmupEpochs;
        b.seed = seed;
        b.patience = patience;
        b.targetSensitivity = targetSensitivity;
        b.targetSpecificity = targetSpecificity;
        b.threads = threads;
        b.cacheDir = cacheDir;
        b.maxSteps = maxSteps;
        b.findings = findings;
        b.minTrainPositives = minTrainPositives;
        b.minValPositives = minValPositives;
        b.augment = augment;
        b.resume = resume;
        b.modelId = modelId;
        b.modelVersion = modelVersion;
        b.command = command;
        b.shortcuts = shortcuts;
        b.localisation = localisation;
        b.calls = calls;
        b.kind = kind;
        return b;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final Path manifest;
        private final Path out;
        private int inputSize = 256;
        private int width = 32;
        private int epochs = 30;
        private int batchSize = 16;
        private double learningRate = 1e-3;
        private double weightDecay = 1e-4;
        private double warmupEpochs = 1;
        private long seed = 42;
        private int patience = 6;
        private double targetSensitivity = 0.90;
        private double targetSpecificity = 0.90;
        private int threads;
        private Path cacheDir;
        private int maxSteps;
        private List<String> findings = List.of();
        private int minTrainPositives = 50;
        private int minValPositives = 10;
        private boolean augment = true;
        private boolean resume;
        private String modelId = "pleura-chest";
        private String modelVersion = "1.0.0";
        private String command = "";
        private Shortcuts shortcuts = Shortcuts.none();
        private Localisation localisation = Localisation.none();
        private CallBudget calls = CallBudget.readingRoom();
        private Kind kind = Kind.chest();

        private Builder(Path manifest, Path out) {
            this.manifest = manifest;
            this.out = out;
        }

        public Builder inputSize(int v) { inputSize = v; return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder warmupEpochs(double v) { warmupEpochs = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder targetSensitivity(double v) { targetSensitivity = v; return this; }
        public Builder targetSpecificity(double v) { targetSpecificity = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder cacheDir(Path v) { cacheDir = v; return this; }
        public Builder maxSteps(int v) { maxSteps = v; return this; }
        public Builder findings(List<String> v) { findings = v; return this; }
        public Builder minTrainPositives(int v) { minTrainPositives = v; return this; }
        public Builder minValPositives(int v) { minValPositives = v; return this; }
        public Builder augment(boolean v) { augment = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder modelId(String v) { modelId = v; return this; }
        public Builder modelVersion(String v) { modelVersion = v; return this; }
        public Builder command(String v) { command = v; return this; }
        public Builder shortcuts(Shortcuts v) { shortcuts = v; return this; }
        public Builder localisation(Localisation v) { localisation = v; return this; }
        public Builder calls(CallBudget v) { calls = v; return this; }
        public Builder kind(Kind v) { kind = v; return this; }

        /** The validated configuration (cache directory defaults to {@code ~/.pleura/cache}). */
        public TrainingConfig build() {
            Path cache = cacheDir != null ? cacheDir
                    : Path.of(System.getProperty("user.home"), ".pleura", "cache");
            return new TrainingConfig(manifest, out, inputSize, width, epochs, batchSize, learningRate, weightDecay,
                    warmupEpochs, seed, patience, targetSensitivity, targetSpecificity, threads, cache, maxSteps,
                    findings, minTrainPositives, minValPositives, augment, resume, modelId, modelVersion, command,
                    shortcuts, localisation, calls, kind);
        }
    }
}
