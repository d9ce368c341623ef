package org.pleura.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pleura.image.GrayImage;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.inference.DetectorTranslator;
import org.pleura.model.inference.Postprocessor;
import org.pleura.model.inference.Preprocessor;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;

/**
 * Reads radiographs with one model package: loaded once, warmed up, and safe to call from several threads at
 * once (calls share a small pool of DJL predictors over one copy of the weights).
 *
 * <pre>{@code
 * try (Detector detector = Detector.load(Path.of("models/pleura-chest-v1"))) {
 *     DetectionResult r = detector.detect(RadiographReader.read(file).display());
 *     r.findings().forEach(f -> System.out.println(f.finding().id() + " " + f.score() + " " + f.call()));
 * }
 * }</pre>
 *
 * <p>The detector assumes a frontal chest radiograph: callers decide that first with an
 * {@link org.pleura.model.check.InputCheck} (the hook where input checks plug in) and only then call
 * {@link #detect}.
 */
public final class Detector implements AutoCloseable {

    private final ModelPackage pkg;
    private final Model model;
    private final BlockingQueue<Predictor<GrayImage, DetectionResult>> pool;
    private final List<Predictor<GrayImage, DetectionResult>> all = new ArrayList<>();
    private volatile boolean closed;

    private Detector(ModelPackage pkg, int predictors, BoxExtractor boxes) throws InvalidModelPackageException {
        this.pkg = pkg;
        this.model = pkg.newModel();
        ModelDescriptor d = pkg.descriptor();
        DetectorTranslator translator = new DetectorTranslator(new Preprocessor(d.preprocessing()),
                new Postprocessor(pkg.catalogue(), d.outputs(), d.thresholds(), boxes));
        this.pool = new ArrayBlockingQueue<>(predictors);
        for (int i = 0; i < predictors; i++) {
            Predictor<GrayImage, DetectionResult> p = model.newPredictor(translator);
            all.add(p);
            pool.add(p);
        }
        warmUp();
    }

    /** Loads a package with as many predictors as there are processors (at most 4) and default boxes. */
    public static Detector load(Path packagePath) throws InvalidModelPackageException {
        return of(ModelPackage.load(packagePath), defaultPredictors(), BoxExtractor.defaults());
    }

    /**
     * A detector over an already loaded package.
     *
     * @param predictors how many calls can run at the same time (others wait)
     * @param boxes      how heat maps become boxes
     */
    public static Detector of(ModelPackage pkg, int predictors, BoxExtractor boxes) throws InvalidModelPackageException {
        if (predictors < 1) {
            throw new IllegalArgumentException("a detector needs at least one predictor");
        }
        return new Detector(pkg, predictors, boxes);
    }

    private static int defaultPredictors() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private void warmUp() {
        int s = pkg.descriptor().preprocessing().inputSize();
        float[] px = new float[s * s];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % s) / (float) s;
        }
        GrayImage ramp = new GrayImage(s, s, px);
        for (Predictor<GrayImage, DetectionResult> p : all) {
            try {
                p.predict(ramp);
                p.predict(ramp);
            } catch (TranslateException e) {
                throw new IllegalStateException("model " + pkg.source() + " failed its warm-up: " + e.getMessage(), e);
            }
        }
    }

    /** Scores, calls, heat maps and boxes for one display-ready image (any size). Thread-safe. */
    public DetectionResult detect(GrayImage image) throws DetectionException {
        if (closed) {
            throw new IllegalStateException("detector is closed");
        }
        Predictor<GrayImage, DetectionResult> p;
        try {
            p = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectionException("interrupted while waiting for a predictor", e);
        }
        try {
            return p.predict(image);
        } catch (TranslateException | RuntimeException e) {
            throw new DetectionException("model " + pkg.descriptor().id() + " failed on a " + image.width() + "x"
                    + image.height() + " image: " + e.getMessage(), e);
        } finally {
            pool.add(p);
        }
    }

    /** The analysis of one image (findings in catalogue order, no warnings). */
    public Analysis analyze(String imageId, GrayImage image) throws DetectionException {
        return detect(image).toAnalysis(imageId, info(), List.of());
    }

    /** Model id and version. */
    public ModelInfo info() {
        return new ModelInfo(pkg.descriptor().id(), pkg.descriptor().version());
    }

    /** The package this detector reads with. */
    public ModelPackage modelPackage() {
        return pkg;
    }

    @Override
    public void close() {
        closed = true;
        for (Predictor<GrayImage, DetectionResult> p : all) {
            p.close();
        }
        model.close();
    }
}
