package org.pleura.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pleura.image.augment.AcquisitionSettings;
import org.pleura.image.augment.RadiographAugmenter;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.inference.Postprocessor;
import org.pleura.model.net.DetectionNetwork;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.RegionPrior;
import org.pleura.model.pkg.Tensor;
import org.pleura.model.pkg.WeightsFile;
import org.pleura.train.data.Batch;
import org.pleura.train.data.BatchAssembler;
import org.pleura.train.data.BoxTargets;
import org.pleura.train.data.ImageCache;
import org.pleura.train.data.ImageSource;
import org.pleura.train.data.LabelMatrix;
import org.pleura.train.data.SampleWeights;
import org.pleura.train.eval.Auroc;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.ScoredLabels;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.LabelCounts;
import org.pleura.train.manifest.LabeledBox;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestException;
import org.pleura.train.manifest.ManifestReader;
import org.pleura.train.manifest.Split;
import org.pleura.train.optim.CentreNetLoss;
import org.pleura.train.optim.FindingLoss;
import org.pleura.train.optim.ResumableAdamW;
import org.pleura.train.optim.WarmupCosineSchedule;

/**
 * Trains a finding model from a manifest and writes a model package: the {@code train} split fits the weights,
 * {@code val} selects the epoch (early stopping on mean AUROC) and sets each finding's operating points; the
 * {@code test} split is not touched.
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder(Path.of("manifest.csv"), Path.of("models/my-model")).epochs(20).build();
 * TrainingOutcome outcome = Trainer.train(config, new ConsoleProgress(System.err, config.batchSize()));
 * }</pre>
 */
public final class Trainer {

    private static final double MAX_POSITIVE_WEIGHT = 20;
    private static final double MAX_GROUP_WEIGHT = 10;
    private static final double MIN_IMPROVEMENT = 1e-4;

    private static final float HEAT_PRIOR_BIAS = (float) Math.log(0.01 / 0.99);
    private static final float HEAD_INIT_SCALE = 0.01f;
    private static final float AUX_WEIGHT = 0.5f;

    private final TrainingConfig config;
    private final ProgressListener progress;
    private final ImageSource images;
    private final FindingCatalogue catalogue;
    private final boolean detector;

    private Trainer(TrainingConfig config, ProgressListener progress, ImageSource images) throws TrainingException {
        this.config = config;
        this.progress = progress;
        this.images = images;
        try {
            this.catalogue = FindingCatalogue.named(config.kind().catalogue());
        } catch (RuntimeException e) {
            throw new TrainingException("catalogue: " + e.getMessage(), e);
        }
        this.detector = config.kind().detector();
        if (detector && config.localisation().boxes() == null) {
            throw new TrainingException("a box detector learns from boxes: give --boxes with the training images' boxes");
        }
    }

    /** Trains with images read by Pleura's radiograph reader (DICOM, PNG, JPEG). */
    public static TrainingOutcome train(TrainingConfig config, ProgressListener progress) throws TrainingException {
        return train(config, progress, ImageSource.radiographs());
    }

    /** Trains with images decoded by {@code images}. */
    public static TrainingOutcome train(TrainingConfig config, ProgressListener progress, ImageSource images)
            throws TrainingException {
        configureEngineThreads(config.effectiveThreads());
        return new Trainer(config, progress, images).run();
    }

    /**
     * PyTorch's intra-op threads for this run. The engine reads the properties when it starts; once started, the
     * count is changed at run time, so each run gets the threads it asks for whatever ran before in the JVM.
     */
    static void configureEngineThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }

    private TrainingOutcome run() throws TrainingException {
        Manifest manifest = readManifest();
        List<String> outputs = chooseOutputs(manifest);
        List<ManifestEntry> train = manifest.entries(Split.TRAIN);
        List<ManifestEntry> val = manifest.entries(Split.VAL);
        if (train.size() < config.batchSize()) {
            throw new TrainingException(config.manifest() + " has " + train.size() + " training images, fewer than one batch of "
                    + config.batchSize());
        }
        if (val.isEmpty()) {
            throw new TrainingException(config.manifest() + " has no image in the val split: early stopping and "
                    + "operating points need one (give some patients split=val, or drop the split column)");
        }
        String study = catalogue.studyLevel().id();
        LabelMatrix trainLabels = LabelMatrix.of(train, outputs, study);
        LabelMatrix valLabels = LabelMatrix.of(val, outputs, study);
        TrainingConfig.Shortcuts shortcuts = config.shortcuts();
        requireColumn(manifest, shortcuts.balanceBy(), "--balance-by");
        requireColumn(manifest, shortcuts.selectBy(), "--select-by");
        if (!shortcuts.balanceBy().isEmpty()) {
            trainLabels = SampleWeights.balancedWithin(train, trainLabels, shortcuts.balanceBy(), MAX_GROUP_WEIGHT);
            progress.message("labels reweighted within each '" + shortcuts.balanceBy()
                    + "' group to the pooled prevalence (weights at most " + MAX_GROUP_WEIGHT + ")");
        }
        Selection selection = Selection.of(shortcuts, val, study);
        progress.message("epoch chosen on the " + selection.describe());
        List<LabeledBox> trainBoxes = readBoxes(train, outputs);
        BoxTargets boxTargets = trainBoxes.isEmpty() ? BoxTargets.none()
                : BoxTargets.of(train, trainLabels, trainBoxes, study);
        if (config.localisation().boxes() != null) {
            progress.message(String.format(java.util.Locale.ROOT, detector
                    ? "detector: %d boxes on %d training images" : "box supervision: %d boxes on %d training images (weight %.2f)",
                    boxTargets.boxes(), boxTargets.images(), config.localisation().boxLossWeight()));
        }
        progress.message(String.format(java.util.Locale.ROOT, "data: %d train and %d val images (%s); outputs: %s",
                train.size(), val.size(), config.manifest(), String.join(", ", outputs)));

        List<Path> files = new ArrayList<>();
        train.forEach(e -> files.add(e.resolvedPath()));
        val.forEach(e -> files.add(e.resolvedPath()));
        ImageCache cache;
        try {
            int total = files.size();
            cache = ImageCache.open(config.cacheDir(), files, config.inputSize(), images, config.effectiveThreads(),
                    done -> progress.caching(done, total));
        } catch (IOException e) {
            throw new TrainingException("cannot build the image cache in " + config.cacheDir() + ": " + e.getMessage(), e);
        }
        int[] trainIndex = range(0, train.size());
        int[] valIndex = range(train.size(), files.size());
        RadiographAugmenter augmenter = config.augment()
                ? new RadiographAugmenter(config.kind().augmentation(), acquisition()) : null;
        ResNetSpec spec = ResNetSpec.resnet18(config.width());
        if (config.localisation().dilated() || detector) {
            spec = spec.dilated();
        }
        if (config.inputSize() % spec.stride() != 0) {
            throw new TrainingException("input size " + config.inputSize() + " must be a multiple of the network's stride "
                    + spec.stride());
        }
        int cells = config.inputSize() / spec.stride();
        int classes = outputs.size() - 1;
        BatchAssembler trainBatches = detector
                ? BatchAssembler.forDetector(cache, trainIndex, trainLabels, augmenter, config.seed(), boxTargets, cells,
                        classes)
                : new BatchAssembler(cache, trainIndex, trainLabels, augmenter, config.seed(), boxTargets, cells);
        BatchAssembler valBatches = new BatchAssembler(cache, valIndex, valLabels, null, config.seed());
        RegionPrior prior = detector ? null : regionPrior(trainBoxes, train, cache);

        Engine.getInstance().setRandomSeed((int) config.seed());
        AbstractBlock network = detector ? new DetectionNetwork(spec, classes) : new FindingNetwork(spec, outputs.size());
        int stepsPerEpoch = train.size() / config.batchSize();
        int totalSteps = stepsPerEpoch * config.epochs();
        if (config.maxSteps() > 0) {
            totalSteps = Math.min(totalSteps, config.maxSteps());
        }
        WarmupCosineSchedule schedule = new WarmupCosineSchedule((float) config.learningRate(),
                (float) (config.learningRate() * 0.01), (int) Math.round(config.warmupEpochs() * stepsPerEpoch), totalSteps);
        Map<String, Object> fingerprint = fingerprint(outputs);
        Path ckpt = config.checkpointDir();
        Checkpoint.State state = new Checkpoint.State(0, 0, 0, Double.NaN, 0, false, 0, fingerprint, List.of());
        if (config.resume() && Checkpoint.exists(ckpt)) {
            try {
                state = Checkpoint.readState(ckpt);
            } catch (IOException e) {
                throw new TrainingException("cannot read checkpoint " + ckpt + ": " + e.getMessage(), e);
            }
            if (!fingerprint.equals(state.fingerprint())) {
                throw new TrainingException("checkpoint " + ckpt + " was made with other options " + state.fingerprint()
                        + " than this run " + fingerprint + ": run with the same options, or without --resume");
            }
        }

        try (Model model = Model.newInstance(config.modelId());
             NDManager optimizerState = NDManager.newBaseManager()) {
            model.setBlock(network);
            float[] posWeights = trainLabels.positiveWeights(MAX_POSITIVE_WEIGHT);
            ResumableAdamW optimizer = ResumableAdamW.create(network.getParameters(), schedule,
                    (float) config.weightDecay(), state.steps(), optimizerState);
            float boxWeight = boxTargets.isEmpty() ? 0 : (float) config.localisation().boxLossWeight();
            Loss loss = detector ? new CentreNetLoss(classes, java.util.Arrays.copyOf(posWeights, classes), AUX_WEIGHT)
                    : new FindingLoss(posWeights, boxWeight);
            DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer)
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            try (ai.djl.training.Trainer djl = model.newTrainer(djlConfig)) {
                djl.initialize(new Shape(config.batchSize(), 1, config.inputSize(), config.inputSize()));
                if (detector && state.epochsDone() == 0) {
                    startRare(network, classes);
                }
                if (state.epochsDone() > 0) {
                    restore(ckpt, network, optimizer, state);
                }
                state = loop(djl, network, optimizer, trainBatches, train.size(), valBatches, valLabels, schedule, stepsPerEpoch,
                        state, ckpt, outputs, selection);
                Map<String, Tensor> best;
                try {
                    best = Checkpoint.readBest(ckpt);
                    ModelPackage.loadInto(network, best, ckpt.toString());
                } catch (IOException e) {
                    throw new TrainingException("cannot read the best weights from " + ckpt + ": " + e.getMessage(), e);
                }
                double[][] valScores = predict(djl, valBatches, val.size());
                return finish(network, outputs, valLabels, valScores, state, trainLabels, posWeights, selection, prior,
                        boxTargets);
            }
        }
    }

    private Checkpoint.State loop(ai.djl.training.Trainer djl, AbstractBlock network, ResumableAdamW optimizer,
                                  BatchAssembler trainBatches, int trainRows, BatchAssembler valBatches, LabelMatrix valLabels,
                                  WarmupCosineSchedule schedule, int stepsPerEpoch, Checkpoint.State state, Path ckpt,
                                  List<String> outputs, Selection selection) throws TrainingException {
        if (state.finished()) {
            progress.message("checkpoint " + ckpt + " holds a finished run: writing its package");
            return state;
        }
        if (state.epochsDone() > 0) {
            progress.message(String.format(java.util.Locale.ROOT,
                    "resuming after epoch %d (%d steps, best validation figure %.4f at epoch %d)",
                    state.epochsDone(), state.steps(), state.bestValMeanAuroc(), state.bestEpoch()));
        }
        int steps = state.steps();
        int bestEpoch = state.bestEpoch();
        double best = state.bestValMeanAuroc();
        int since = state.epochsSinceBest();
        double seconds = state.trainingSeconds();
        List<EpochReport> history = new ArrayList<>(state.history());
        boolean finished = false;
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pleura-batches");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int epoch = state.epochsDone() + 1; epoch <= config.epochs() && !finished; epoch++) {
                long start = System.nanoTime();
                int[] order = BatchAssembler.shuffledRows(trainRows, config.seed(), epoch);
                double lossSum = 0;
                int batches = 0;
                final int ep = epoch;
                final int[] ord = order;
                Future<Batch> next = prefetch.submit(() -> trainBatches.assemble(slice(ord, 0, config.batchSize()), ep));
                long imagesDone = 0;
                for (int b = 0; b < stepsPerEpoch; b++) {
                    Batch batch = await(next);
                    if (b + 1 < stepsPerEpoch) {
                        final int from = (b + 1) * config.batchSize();
                        next = prefetch.submit(() -> trainBatches.assemble(slice(ord, from, config.batchSize()), ep));
                    }
                    lossSum += step(djl, batch, outputs.size());
                    batches++;
                    steps++;
                    imagesDone += batch.count();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    progress.step(epoch, config.epochs(), b + 1, stepsPerEpoch, lossSum / batches, imagesDone / elapsed);
                    if (config.maxSteps() > 0 && steps >= config.maxSteps()) {
                        finished = true;
                        break;
                    }
                }
                double[][] valScores = predict(djl, valBatches, valLabels.rows());
                Map<String, Double> auroc = aurocs(valScores, valLabels, outputs);
                if (detector && lastImageScores != null) {
                    Map<String, Double> image = aurocs(lastImageScores, valLabels, outputs);
                    progress.message("  image classifier (auxiliary) val AUROC: " + image);
                }
                double mean = meanOverFindings(auroc);
                double chosenOn = selection.score(valScores, valLabels);
                boolean improved = Double.isNaN(best) || chosenOn > best + MIN_IMPROVEMENT;
                if (improved) {
                    best = chosenOn;
                    bestEpoch = epoch;
                    since = 0;
                } else {
                    since++;
                }
                double epochSeconds = (System.nanoTime() - start) / 1e9;
                seconds += epochSeconds;
                EpochReport report = new EpochReport(epoch, steps, lossSum / Math.max(1, batches), auroc, mean,
                        epochSeconds, schedule.getNewValue(steps), improved, chosenOn);
                history.add(report);
                boolean early = since >= config.patience();
                finished |= early || epoch == config.epochs();
                state = new Checkpoint.State(epoch, steps, bestEpoch, best, since, finished, seconds,
                        state.fingerprint(), history);
                try {
                    List<Tensor> weights = ModelPackage.tensorsOf(network);
                    Checkpoint.save(ckpt, state, weights, improved ? weights : null, optimizer.state());
                } catch (IOException e) {
                    throw new TrainingException("cannot write checkpoint " + ckpt + ": " + e.getMessage(), e);
                }
                progress.epoch(report, config.epochs());
                if (early) {
                    progress.message("no improvement for " + since + " epochs: stopping early (best epoch " + bestEpoch + ")");
                }
            }
        } finally {
            prefetch.shutdownNow();
        }
        return state;
    }

    private Manifest readManifest() throws TrainingException {
        try {
            return ManifestReader.forFindings(catalogue.ids()).read(config.manifest());
        } catch (ManifestException e) {
            throw new TrainingException(e.getMessage(), e);
        }
    }

    /** The configured findings, or every catalogue finding with enough positives in train and val; then the study level. */
    List<String> chooseOutputs(Manifest manifest) throws TrainingException {
        List<String> outputs = new ArrayList<>();
        if (!config.findings().isEmpty()) {
            for (String id : config.findings()) {
                if (!catalogue.find(id).isPresent() || id.equals(catalogue.studyLevel().id())) {
                    throw new TrainingException("'" + id + "' is not a finding of the " + catalogue.id()
                            + " catalogue (known: " + String.join(", ", catalogue.ids()) + ")");
                }
            }
        }
        List<String> skipped = new ArrayList<>();
        for (String id : catalogue.ids()) {
            if (!config.findings().isEmpty() && !config.findings().contains(id)) {
                continue;
            }
            LabelCounts tr = manifest.counts(id, Split.TRAIN);
            LabelCounts va = manifest.counts(id, Split.VAL);
            boolean enough = tr.positives() >= config.minTrainPositives() && va.positives() >= config.minValPositives()
                    && tr.negatives() > 0 && va.negatives() > 0;
            if (enough || (!config.findings().isEmpty() && tr.positives() > 0 && va.positives() > 0 && va.negatives() > 0)) {
                outputs.add(id);
            } else if (manifest.hasLabelColumn(id)) {
                skipped.add(id + " (" + tr.positives() + " train / " + va.positives() + " val positives)");
            }
        }
        if (!skipped.isEmpty()) {
            progress.message("not trained, too few positives (need " + config.minTrainPositives() + " train and "
                    + config.minValPositives() + " val): " + String.join(", ", skipped));
        }
        if (outputs.isEmpty()) {
            throw new TrainingException(config.manifest() + ": no finding has enough labelled positives in both train and "
                    + "val to be trained (lower --min-train-positives / --min-val-positives, or label more images)");
        }
        outputs.add(catalogue.studyLevel().id());
        return outputs;
    }

    private AcquisitionSettings acquisition() {
        return config.shortcuts().acquisitionAugment() ? AcquisitionSettings.acrossSites() : AcquisitionSettings.none();
    }

    private static void requireColumn(Manifest manifest, String column, String option) throws TrainingException {
        if (column.isEmpty()) {
            return;
        }
        boolean present = manifest.entries().stream().anyMatch(e -> e.metadata().containsKey(column));
        if (!present) {
            throw new TrainingException(option + " " + column + ": " + manifest.file() + " has no column '" + column
                    + "' (or it is empty in every row)");
        }
    }

    /** The boxes of the training images' trained findings, when box supervision is asked for. */
    private List<LabeledBox> readBoxes(List<ManifestEntry> train, List<String> outputs) throws TrainingException {
        Path file = config.localisation().boxes();
        if (file == null) {
            return List.of();
        }
        try {
            return BoxesFile.read(file).on(train, outputs);
        } catch (ManifestException e) {
            throw new TrainingException(e.getMessage(), e);
        }
    }

    /** Where the training boxes lie, in fractions of their images: a 32 x 32 grid grown by two cells. */
    private static RegionPrior regionPrior(List<LabeledBox> boxes, List<ManifestEntry> train, ImageCache cache) {
        if (boxes.isEmpty()) {
            return null;
        }
        Map<String, Integer> row = new java.util.HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            row.put(train.get(i).path(), i);
        }
        List<double[]> fractions = new ArrayList<>();
        for (LabeledBox b : boxes) {
            Integer r = row.get(b.path());
            if (r == null) {
                continue;
            }
            double w = cache.sourceWidth(r);
            double h = cache.sourceHeight(r);
            fractions.add(new double[] {b.x() / w, b.y() / h, b.w() / w, b.h() / h});
        }
        return fractions.isEmpty() ? null : RegionPrior.fromBoxes(fractions, 32, 2);
    }

    private Map<String, Object> fingerprint(List<String> outputs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("input_size", Integer.toString(config.inputSize()));
        f.put("width", Integer.toString(config.width()));
        f.put("batch_size", Integer.toString(config.batchSize()));
        f.put("seed", Long.toString(config.seed()));
        f.put("outputs", String.join(",", outputs));
        f.put("shortcuts", config.shortcuts().toString());
        f.put("localisation", config.localisation().toString());
        return f;
    }

    /**
     * A detector's centre logits start at a 1 % prior (Lin et al. 2017), so that the many empty cells do not swamp it,
     * and its head starts near zero (weights scaled by {@value #HEAD_INIT_SCALE}, as CenterNet's heads start with a
     * standard deviation of 0.001): with the default initialisation the box values of a width-24 backbone started in
     * the hundreds and the first update gave NaN.
     */
    private static void startRare(AbstractBlock network, int classes) {
        for (var p : network.getParameters()) {
            if (p.getKey().endsWith("head_weight")) {
                NDArray w = p.getValue().getArray();
                w.muli(HEAD_INIT_SCALE);
            }
            if (p.getKey().endsWith("head_bias")) {
                NDArray b = p.getValue().getArray();
                float[] v = b.toFloatArray();
                for (int c = 0; c < classes; c++) {
                    v[c] = HEAT_PRIOR_BIAS;
                }
                b.set(java.nio.FloatBuffer.wrap(v));
            }
        }
    }

    private void restore(Path ckpt, AbstractBlock network, ResumableAdamW optimizer, Checkpoint.State state)
            throws TrainingException {
        try {
            ModelPackage.loadInto(network, Checkpoint.readLast(ckpt), ckpt.toString());
            optimizer.restore(Checkpoint.readOptimizer(ckpt), network.getParameters());
        } catch (IOException e) {
            throw new TrainingException("cannot restore checkpoint " + ckpt + " (epoch " + state.epochsDone() + "): "
                    + e.getMessage() + "; delete it to start again", e);
        }
    }

    /** One optimizer step in its own native-memory scope; returns the batch loss. */
    private static double step(ai.djl.training.Trainer djl, Batch batch, int outputs) {
        try (NDManager scope = djl.getManager().newSubManager()) {
            int n = batch.count();
            int s = batch.size();
            NDArray x = scope.create(batch.images(), new Shape(n, 1, s, s));
            NDArray y = scope.create(batch.labels(), new Shape(n, outputs));
            NDArray m = scope.create(batch.mask(), new Shape(n, outputs));
            NDList labels = new NDList(y, m);
            if (batch.detection() != null) {
                Batch.Detection d = batch.detection();
                int c = d.cells();
                int k = d.classes();
                labels = new NDList(y.get(":, 0:" + k), m.get(":, 0:" + k),
                        scope.create(d.heat(), new Shape(n, k, c, c)), scope.create(d.box(), new Shape(n, 4, c, c)),
                        scope.create(d.centres(), new Shape(n, 1, c, c)));
            } else if (batch.hasBoxes()) {
                int g = batch.cells() * batch.cells();
                labels.add(scope.create(batch.boxMask(), new Shape(n, outputs, g)));
                labels.add(scope.create(batch.boxWeight(), new Shape(n, outputs)));
            }
            float loss;
            try (GradientCollector gc = djl.newGradientCollector()) {
                NDList pred = djl.forward(new NDList(x));
                NDArray l = djl.getLoss().evaluate(labels, pred);
                gc.backward(l);
                loss = l.getFloat();
            }
            djl.step();
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException("training diverged (loss " + loss + "): lower the learning rate");
            }
            return loss;
        }
    }

    /** Sigmoid scores {@code [image][output]} for all rows of an assembler, in row order, without augmentation. */
    /** A detector's auxiliary image-level scores of the last {@link #predict} (for the log), or null. */
    private double[][] lastImageScores;

    private double[][] predict(ai.djl.training.Trainer djl, BatchAssembler batches, int rows) {
        double[][] out = new double[rows][];
        double[][] image = detector ? new double[rows][] : null;
        int b = config.batchSize();
        for (int from = 0; from < rows; from += b) {
            int[] idx = range(from, Math.min(rows, from + b));
            Batch batch = batches.assemble(idx, 0);
            try (NDManager scope = djl.getManager().newSubManager()) {
                int s = batch.size();
                NDArray x = scope.create(batch.images(), new Shape(idx.length, 1, s, s));
                NDList pred = djl.evaluate(new NDList(x));
                if (detector) {
                    // a detector's score of a class is its best centre score (its best box's); the study level the best class
                    NDArray maps = pred.get(1);
                    int k = (int) maps.getShape().get(1) - DetectionNetwork.BOX_CHANNELS;
                    float[] best = maps.get(":, 0:" + k).reshape(idx.length, k, -1).max(new int[] {2}).toFloatArray();
                    float[] aux = pred.get(0).toFloatArray();
                    for (int i = 0; i < idx.length; i++) {
                        double[] row = new double[k + 1];
                        double[] imageRow = new double[k + 1];
                        for (int j = 0; j < k; j++) {
                            row[j] = Postprocessor.sigmoid(best[i * k + j]);
                            row[k] = Math.max(row[k], row[j]);
                            imageRow[j] = Postprocessor.sigmoid(aux[i * k + j]);
                            imageRow[k] = Math.max(imageRow[k], imageRow[j]);
                        }
                        out[idx[i]] = row;
                        image[idx[i]] = imageRow;
                    }
                    continue;
                }
                float[] logits = pred.get(0).toFloatArray();
                int k = logits.length / idx.length;
                for (int i = 0; i < idx.length; i++) {
                    double[] row = new double[k];
                    for (int j = 0; j < k; j++) {
                        row[j] = Postprocessor.sigmoid(logits[i * k + j]);
                    }
                    out[idx[i]] = row;
                }
            }
        }
        lastImageScores = image;
        return out;
    }

    private static ScoredLabels column(double[][] scores, LabelMatrix labels, int output) {
        double[] s = new double[scores.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores[i][output];
        }
        return ScoredLabels.of(s, labels.column(output), labels.patients());
    }

    private static Map<String, Double> aurocs(double[][] scores, LabelMatrix labels, List<String> outputs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < outputs.size(); j++) {
            OptionalDouble a = Auroc.of(column(scores, labels, j));
            if (a.isPresent()) {
                out.put(outputs.get(j), a.getAsDouble());
            }
        }
        return out;
    }

    private double meanOverFindings(Map<String, Double> auroc) {
        String study = catalogue.studyLevel().id();
        return auroc.entrySet().stream().filter(e -> !e.getKey().equals(study))
                .mapToDouble(Map.Entry::getValue).average().orElse(auroc.getOrDefault(study, 0.5));
    }

    private TrainingOutcome finish(AbstractBlock network, List<String> outputs, LabelMatrix valLabels,
                                   double[][] valScores, Checkpoint.State state, LabelMatrix trainLabels,
                                   float[] posWeights, Selection selection, RegionPrior prior, BoxTargets boxTargets)
            throws TrainingException {
        String study = catalogue.studyLevel().id();
        int studyColumn = outputs.indexOf(study);
        List<Integer> normalRows = new ArrayList<>();
        for (int i = 0; i < valLabels.rows(); i++) {
            if (valLabels.label(i, studyColumn) == org.pleura.train.manifest.Label.NEGATIVE) {
                normalRows.add(i);
            }
        }
        List<CallBudget.Output> calibration = new ArrayList<>();
        List<String> uncalibrated = new ArrayList<>();
        for (int j = 0; j < outputs.size(); j++) {
            String id = outputs.get(j);
            double[] normals = new double[normalRows.size()];
            for (int i = 0; i < normals.length; i++) {
                normals[i] = valScores[normalRows.get(i)][j];
            }
            ScoredLabels labelled = column(valScores, valLabels, j);
            if (!labelled.hasBothClasses()) {
                uncalibrated.add(id);
            }
            calibration.add(new CallBudget.Output(id, id.equals(study) ? null : catalogue.get(id).urgency(), labelled,
                    normals));
        }
        CallBudget.Choice choice = config.calls().choose(calibration, normalRows.size(), config.targetSensitivity(),
                config.targetSpecificity(), BootstrapSettings.DEFAULT.withResamples(1000));
        Map<String, FindingThresholds> thresholds = choice.thresholds();
        Map<String, Double> burden = CallBudget.normalStudyBurden(choice, calibration, normalRows.size());
        progress.message("operating points: " + choice.method());
        if (!burden.isEmpty()) {
            progress.message(String.format(java.util.Locale.ROOT, "on %d validation normal studies: %.1f %% with a "
                    + "positive call, %.1f %% with any call, %.2f calls per study", normalRows.size(),
                    100 * burden.get("share_with_positive_call"), 100 * burden.get("share_with_any_call"),
                    burden.get("calls_per_study")));
        }
        List<String> notValidated = CallBudget.notValidated(choice);
        if (!notValidated.isEmpty()) {
            progress.message("not validated for calls: " + String.join(", ", notValidated));
        }
        Map<String, Double> valAuroc = aurocs(valScores, valLabels, outputs);
        double mean = meanOverFindings(valAuroc);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("manifest", config.manifest().toString());
        training.put("train_images", trainLabels.rows());
        training.put("val_images", valLabels.rows());
        training.put("command", config.command());
        training.put("seed", config.seed());
        training.put("epochs_run", state.epochsDone());
        training.put("best_epoch", state.bestEpoch());
        training.put("steps", state.steps());
        training.put("stopped_early", state.epochsDone() < config.epochs());
        training.put("training_seconds", Math.round(state.trainingSeconds()));
        training.put("threads", config.effectiveThreads());
        training.put("batch_size", config.batchSize());
        training.put("learning_rate", config.learningRate());
        training.put("weight_decay", config.weightDecay());
        training.put("warmup_epochs", config.warmupEpochs());
        training.put("augmentation", config.augment() ? config.kind().augmentation().toString() : "none");
        Map<String, Double> pw = new LinkedHashMap<>();
        for (int j = 0; j < outputs.size(); j++) {
            pw.put(outputs.get(j), (double) posWeights[j]);
        }
        training.put("positive_weights", pw);
        training.put("val_auroc", valAuroc);
        training.put("val_mean_auroc", mean);
        training.put("target_sensitivity", config.targetSensitivity());
        training.put("target_specificity", config.targetSpecificity());
        training.put("uncalibrated_outputs", uncalibrated);
        training.put("balance_by", config.shortcuts().balanceBy());
        training.put("acquisition_augmentation", config.augment() && config.shortcuts().acquisitionAugment()
                ? AcquisitionSettings.acrossSites().toString() : "none");
        training.put("selection", selection.describe());
        training.put("val_selection_score", state.bestValMeanAuroc());
        training.put("val_auroc_by_group", selection.byGroup(valScores, valLabels));
        Map<String, Object> boxes = new LinkedHashMap<>();
        boxes.put("file", config.localisation().boxes() == null ? null : config.localisation().boxes().toString());
        boxes.put("boxes", boxTargets.boxes());
        boxes.put("images", boxTargets.images());
        boxes.put("weight", boxTargets.isEmpty() ? 0 : config.localisation().boxLossWeight());
        ResNetSpec netSpec = network instanceof DetectionNetwork dn ? dn.spec() : ((FindingNetwork) network).spec();
        boxes.put("map_stride", netSpec.stride());
        training.put("box_supervision", boxes);
        training.put("operating_points", choice.method());
        Map<String, Object> rates = new LinkedHashMap<>();
        choice.normalRates().forEach((id, r) -> rates.put(id, Map.of("doubtful_or_positive", r[0], "positive", r[1])));
        training.put("val_normal_call_rates", rates);
        training.put("val_normal_study_burden", burden);
        training.put("not_validated", notValidated);
        training.put("finished_at", Instant.now().toString());
        ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, config.modelId(),
                config.modelVersion(), catalogue.id(), Architecture.of(netSpec),
                Preprocessing.of(config.inputSize()), outputs, thresholds, training, null, prior,
                detector ? ModelDescriptor.DETECTION : ModelDescriptor.CLASSIFICATION, config.kind().input());
        TrainingOutcome draft = new TrainingOutcome(null, state.bestEpoch(), state.bestValMeanAuroc(), valAuroc,
                state.epochsDone(),
                state.steps(), state.trainingSeconds(), state.epochsDone() < config.epochs(), state.history(), config.out());
        Map<String, ScoredLabels> valColumns = new LinkedHashMap<>();
        for (int j = 0; j < outputs.size(); j++) {
            valColumns.put(outputs.get(j), column(valScores, valLabels, j));
        }
        String card = ModelCardWriter.write(config, descriptor, draft, trainLabels, valLabels, valColumns, catalogue);
        try {
            ModelPackage pkg = ModelPackage.write(config.out(), descriptor, catalogue, network, card,
                    WeightsFile.Storage.FLOAT16);
            progress.message(String.format(java.util.Locale.ROOT,
                    "model package written to %s (best epoch %d, val mean AUROC %.4f, selection figure %.4f)",
                    config.out(), state.bestEpoch(), mean, state.bestValMeanAuroc()));
            return new TrainingOutcome(pkg, draft.bestEpoch(), state.bestValMeanAuroc(), valAuroc, draft.epochsRun(),
                    draft.steps(),
                    draft.trainingSeconds(), draft.stoppedEarly(), draft.history(), config.out());
        } catch (InvalidModelPackageException e) {
            throw new TrainingException("the trained package is invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TrainingException("cannot write the model package to " + config.out() + ": " + e.getMessage(), e);
        }
    }

    private static Batch await(Future<Batch> f) throws TrainingException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new TrainingException("cannot assemble a batch: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("interrupted", e);
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] slice(int[] a, int from, int length) {
        int[] r = new int[length];
        System.arraycopy(a, from, r, 0, length);
        return r;
    }
}
