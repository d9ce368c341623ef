package org.pleura.model;

import java.nio.file.Path;
import java.util.List;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.result.ModelInfo;
import org.pleura.image.GrayImage;
import org.pleura.model.check.FeatureGate;
import org.pleura.model.check.InputVerdict;
import org.pleura.model.inference.BoxDecoder;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.inference.DjlRunner;
import org.pleura.model.inference.NetworkOutput;
import org.pleura.model.inference.NetworkRunner;
import org.pleura.model.inference.OutputInterpreter;
import org.pleura.model.inference.Postprocessor;
import org.pleura.model.inference.Preprocessor;
import org.pleura.model.onnx.OnnxRunner;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;

/**
 * Reads radiographs with one model package: loaded once, warmed up, and safe to call from several threads at
 * once. The pipeline is {@link Preprocessor} (image to input), the network (on DJL's PyTorch engine or ONNX
 * Runtime, see {@link Backend}), and {@link Postprocessor} (scores, calls, heat maps, boxes).
 *
 * <pre>{@code
 * try (Detector detector = Detector.load(Path.of("models/pleura-chest-v2"))) {
 *     DetectionResult r = detector.detect(RadiographReader.read(file).display());
 *     r.findings().forEach(f -> System.out.println(f.finding().id() + " " + f.score() + " " + f.call()));
 * }
 * }</pre>
 *
 * <p>The detector assumes an image of the kind its package reads: callers decide that first with the header and
 * picture checks ({@link org.pleura.model.check}); the check on the model's own features plugs in between the forward
 * pass and the calls ({@link #detect(GrayImage, FeatureGate, DetectionStages)}).
 */
public final class Detector implements AutoCloseable {

    /** Which engine runs the network. Both give the same scores (to float rounding). */
    public enum Backend {
        /** Deep Java Library on PyTorch (the training engine). */
        DJL_PYTORCH,
        /** ONNX Runtime on CPU, from a graph exported at load time (faster for batch-1 inference). */
        ONNX_RUNTIME
    }

    private final ModelPackage pkg;
    private final Preprocessor preprocessor;
    private final OutputInterpreter postprocessor;
    private final NetworkRunner runner;
    private volatile boolean closed;

    private Detector(ModelPackage pkg, NetworkRunner runner, BoxExtractor boxes) {
        this.pkg = pkg;
        ModelDescriptor d = pkg.descriptor();
        this.preprocessor = new Preprocessor(d.preprocessing());
        this.postprocessor = d.detects()
                ? new BoxDecoder(pkg.catalogue(), d.outputs(), d.thresholds(), d.preprocessing().inputSize(),
                        BoxDecoder.Settings.defaults())
                : new Postprocessor(pkg.catalogue(), d.outputs(), d.thresholds(), boxes, d.regionPrior());
        this.runner = runner;
        warmUp();
    }

    /**
     * Loads a package on ONNX Runtime (the faster engine for one image at a time, see docs/benchmarks.md) with as
     * many intra-op threads as processors (at most 4) and default boxes.
     */
    public static Detector load(Path packagePath) throws InvalidModelPackageException {
        return load(packagePath, Backend.ONNX_RUNTIME);
    }

    /** Loads a package on a given engine with default settings. */
    public static Detector load(Path packagePath, Backend backend) throws InvalidModelPackageException {
        return of(ModelPackage.load(packagePath), defaultParallelism(), BoxExtractor.defaults(), backend);
    }

    /** A DJL-PyTorch detector over an already loaded package with {@code predictors} concurrent calls. */
    public static Detector of(ModelPackage pkg, int predictors, BoxExtractor boxes) throws InvalidModelPackageException {
        return of(pkg, predictors, boxes, Backend.DJL_PYTORCH);
    }

    /**
     * A detector over an already loaded package.
     *
     * @param parallelism DJL: predictors (calls running at once); ONNX Runtime: intra-op threads
     * @param boxes       how heat maps become boxes
     * @param backend     the engine
     */
    public static Detector of(ModelPackage pkg, int parallelism, BoxExtractor boxes, Backend backend)
            throws InvalidModelPackageException {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        NetworkRunner runner = backend == Backend.ONNX_RUNTIME ? new OnnxRunner(pkg, parallelism) : new DjlRunner(pkg, parallelism);
        try {
            return new Detector(pkg, runner, boxes);
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private static int defaultParallelism() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private void warmUp() {
        int s = pkg.descriptor().preprocessing().inputSize();
        float[] px = new float[s * s];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % s) / (float) s;
        }
        GrayImage ramp = new GrayImage(s, s, px);
        try {
            for (int i = 0; i < 3; i++) {
                detect(ramp);
            }
        } catch (DetectionException e) {
            throw new IllegalStateException("model " + pkg.source() + " failed its warm-up: " + e.getMessage(), e);
        }
    }

    /** Scores, calls, heat maps and boxes for one display-ready image (any size). Thread-safe. */
    public DetectionResult detect(GrayImage image) throws DetectionException {
        Detection d = detect(image, FeatureGate.NONE, DetectionStages.NONE);
        if (d instanceof Detection.Read r) {
            return r.result();
        }
        throw new IllegalStateException("a detection without a gate cannot be refused");
    }

    /**
     * The one detection sequence: preprocess, forward pass, the gate on the model's own features (which may refuse
     * the image before any score exists), then scores, calls, heat maps and boxes. Thread-safe.
     *
     * @param image  a display-ready image of any size
     * @param gate   the check between the forward pass and the calls
     * @param stages told as each stage finishes
     */
    public Detection detect(GrayImage image, FeatureGate gate, DetectionStages stages) throws DetectionException {
        if (closed) {
            throw new IllegalStateException("detector is closed");
        }
        float[] input = preprocessor.prepare(image);
        stages.done(DetectionStage.PREPROCESS);
        NetworkOutput out = run(input, image);
        stages.done(DetectionStage.INFER);
        InputVerdict verdict = gate.check(out.pooled());
        stages.done(DetectionStage.FEATURE_CHECK);
        if (verdict instanceof InputVerdict.Refused r) {
            return new Detection.Refused(r);
        }
        DetectionResult result = postprocessor.interpret(out, image.width(), image.height());
        stages.done(DetectionStage.POSTPROCESS);
        return new Detection.Read(result, verdict.warnings(), gate.relativeDistance(out.pooled()));
    }

    /** The network's pooled features of a display-ready image (its embedding, for input statistics). */
    public float[] features(GrayImage image) throws DetectionException {
        NetworkOutput out = run(preprocessor.prepare(image), image);
        if (out.pooled() == null) {
            throw new DetectionException("the " + runner.engine() + " engine gives no pooled features", null);
        }
        return out.pooled();
    }

    private NetworkOutput run(float[] input, GrayImage image) throws DetectionException {
        try {
            return runner.run(input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectionException("interrupted while reading an image", e);
        } catch (Exception e) {
            throw new DetectionException("model " + pkg.descriptor().id() + " (" + runner.engine() + ") failed on a "
                    + image.width() + "x" + image.height() + " image: " + e.getMessage(), e);
        }
    }

    /** The analysis of one image (findings in catalogue order, no warnings). */
    public Analysis analyze(String imageId, GrayImage image) throws DetectionException {
        return detect(image).toAnalysis(imageId, info(), List.of());
    }

    /** Only the network: raw output for already preprocessed input (for benchmarks of the bare forward pass). */
    public NetworkOutput forward(float[] input) throws Exception {
        return runner.run(input);
    }

    /** The input this detector's network takes, for {@link #forward}. */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** Model id and version. */
    public ModelInfo info() {
        return new ModelInfo(pkg.descriptor().id(), pkg.descriptor().version());
    }

    /** The engine running the network. */
    public String engine() {
        return runner.engine();
    }

    /** The package this detector reads with. */
    public ModelPackage modelPackage() {
        return pkg;
    }

    @Override
    public void close() {
        closed = true;
        runner.close();
    }
}
