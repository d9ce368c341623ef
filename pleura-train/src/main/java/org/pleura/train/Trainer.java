package org.pleura.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.XavierInitializer;
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
import org.pleura.image.augment.AugmentationSettings;
import org.pleura.image.augment.RadiographAugmenter;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.inference.Postprocessor;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.Tensor;
import org.pleura.model.pkg.WeightsFile;
import org.pleura.train.data.Batch;
import org.pleura.train.data.BatchAssembler;
import org.pleura.train.data.ImageCache;
import org.pleura.train.data.ImageSource;
import org.pleura.train.data.LabelMatrix;
import org.pleura.train.eval.Auroc;
import org.pleura.train.eval.ScoredLabels;
import org.pleura.train.manifest.LabelCounts;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestException;
import org.pleura.train.manifest.ManifestReader;
import org.pleura.train.manifest.Split;
import org.pleura.train.optim.MaskedBceLoss;
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
    private static final double MIN_IMPROVEMENT = 1e-4;

    private final TrainingConfig config;
    private final ProgressListener progress;
    private final ImageSource images;
    private final FindingCatalogue catalogue = FindingCatalogue.chest();

    private Trainer(TrainingConfig config, ProgressListener progress, ImageSource images) {
        this.config = config;
        this.progress = progress;
        this.images = images;
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
                ? new RadiographAugmenter(AugmentationSettings.radiographDefaults()) : null;
        BatchAssembler trainBatches = new BatchAssembler(cache, trainIndex, trainLabels, augmenter, config.seed());
        BatchAssembler valBatches = new BatchAssembler(cache, valIndex, valLabels, null, config.seed());

        Engine.getInstance().setRandomSeed((int) config.seed());
        ResNetSpec spec = ResNetSpec.resnet18(config.width());
        FindingNetwork network = new FindingNetwork(spec, outputs.size());
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
            DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(new MaskedBceLoss(posWeights))
                    .optOptimizer(optimizer)
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            try (ai.djl.training.Trainer djl = model.newTrainer(djlConfig)) {
                djl.initialize(new Shape(config.batchSize(), 1, config.inputSize(), config.inputSize()));
                if (state.epochsDone() > 0) {
                    restore(ckpt, network, optimizer, state);
                }
                state = loop(djl, network, optimizer, trainBatches, train.size(), valBatches, valLabels, schedule, stepsPerEpoch,
                        state, ckpt, outputs);
                Map<String, Tensor> best;
                try {
                    best = Checkpoint.readBest(ckpt);
                    ModelPackage.loadInto(network, best, ckpt.toString());
                } catch (IOException e) {
                    throw new TrainingException("cannot read the best weights from " + ckpt + ": " + e.getMessage(), e);
                }
                double[][] valScores = predict(djl, valBatches, val.size());
                return finish(network, outputs, valLabels, valScores, state, manifest, trainLabels, posWeights);
            }
        }
    }

    private Checkpoint.State loop(ai.djl.training.Trainer djl, FindingNetwork network, ResumableAdamW optimizer,
                                  BatchAssembler trainBatches, int trainRows, BatchAssembler valBatches, LabelMatrix valLabels,
                                  WarmupCosineSchedule schedule, int stepsPerEpoch, Checkpoint.State state, Path ckpt,
                                  List<String> outputs) throws TrainingException {
        if (state.finished()) {
            progress.message("checkpoint " + ckpt + " holds a finished run: writing its package");
            return state;
        }
        if (state.epochsDone() > 0) {
            progress.message(String.format(java.util.Locale.ROOT,
                    "resuming after epoch %d (%d steps, best val mean AUROC %.4f at epoch %d)",
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
                Map<String, Double> auroc = aurocs(predict(djl, valBatches, valLabels.rows()), valLabels, outputs);
                double mean = meanOverFindings(auroc);
                boolean improved = Double.isNaN(best) || mean > best + MIN_IMPROVEMENT;
                if (improved) {
                    best = mean;
                    bestEpoch = epoch;
                    since = 0;
                } else {
                    since++;
                }
                double epochSeconds = (System.nanoTime() - start) / 1e9;
                seconds += epochSeconds;
                EpochReport report = new EpochReport(epoch, steps, lossSum / Math.max(1, batches), auroc, mean,
                        epochSeconds, schedule.getNewValue(steps), improved);
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

    private Map<String, Object> fingerprint(List<String> outputs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("input_size", Integer.toString(config.inputSize()));
        f.put("width", Integer.toString(config.width()));
        f.put("batch_size", Integer.toString(config.batchSize()));
        f.put("seed", Long.toString(config.seed()));
        f.put("outputs", String.join(",", outputs));
        return f;
    }

    private void restore(Path ckpt, FindingNetwork network, ResumableAdamW optimizer, Checkpoint.State state)
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
            float loss;
            try (GradientCollector gc = djl.newGradientCollector()) {
                NDList pred = djl.forward(new NDList(x));
                NDArray l = djl.getLoss().evaluate(new NDList(y, m), pred);
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
    private double[][] predict(ai.djl.training.Trainer djl, BatchAssembler batches, int rows) {
        double[][] out = new double[rows][];
        int b = config.batchSize();
        for (int from = 0; from < rows; from += b) {
            int[] idx = range(from, Math.min(rows, from + b));
            Batch batch = batches.assemble(idx, 0);
            try (NDManager scope = djl.getManager().newSubManager()) {
                int s = batch.size();
                NDArray x = scope.create(batch.images(), new Shape(idx.length, 1, s, s));
                float[] logits = djl.evaluate(new NDList(x)).get(0).toFloatArray();
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
        return out;
    }

    private static ScoredLabels column(double[][] scores, LabelMatrix labels, int output) {
        double[] s = new double[scores.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores[i][output];
        }
        return ScoredLabels.of(s, labels.column(output));
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

    private TrainingOutcome finish(FindingNetwork network, List<String> outputs, LabelMatrix valLabels,
                                   double[][] valScores, Checkpoint.State state, Manifest manifest,
                                   LabelMatrix trainLabels, float[] posWeights) throws TrainingException {
        Map<String, FindingThresholds> thresholds = new LinkedHashMap<>();
        List<String> uncalibrated = new ArrayList<>();
        for (int j = 0; j < outputs.size(); j++) {
            var t = Calibrator.thresholds(column(valScores, valLabels, j), config.targetSensitivity(),
                    config.targetSpecificity());
            if (t.isEmpty()) {
                uncalibrated.add(outputs.get(j));
            }
            thresholds.put(outputs.get(j), t.orElse(FindingThresholds.uncalibrated(0.5, 0.5)));
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
        training.put("augmentation", config.augment() ? AugmentationSettings.radiographDefaults().toString() : "none");
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
        training.put("finished_at", Instant.now().toString());
        ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, config.modelId(),
                config.modelVersion(), catalogue.id(), Architecture.of(network.spec()),
                Preprocessing.of(config.inputSize()), outputs, thresholds, training, null);
        TrainingOutcome draft = new TrainingOutcome(null, state.bestEpoch(), mean, valAuroc, state.epochsDone(),
                state.steps(), state.trainingSeconds(), state.epochsDone() < config.epochs(), state.history(), config.out());
        Map<String, ScoredLabels> valColumns = new LinkedHashMap<>();
        for (int j = 0; j < outputs.size(); j++) {
            valColumns.put(outputs.get(j), column(valScores, valLabels, j));
        }
        String card = ModelCardWriter.write(config, descriptor, draft, trainLabels, valLabels, valColumns, catalogue);
        try {
            ModelPackage pkg = ModelPackage.write(config.out(), descriptor, network, card, WeightsFile.Storage.FLOAT16);
            progress.message(String.format(java.util.Locale.ROOT,
                    "model package written to %s (best epoch %d, val mean AUROC %.4f)", config.out(), state.bestEpoch(), mean));
            return new TrainingOutcome(pkg, draft.bestEpoch(), mean, valAuroc, draft.epochsRun(), draft.steps(),
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
