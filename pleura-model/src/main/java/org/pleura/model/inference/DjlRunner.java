package org.pleura.model.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;

/** The network on DJL's PyTorch engine: one model, a pool of predictors (a DJL predictor is not thread-safe). */
public final class DjlRunner implements NetworkRunner {

    private final Model model;
    private final BlockingQueue<Predictor<float[], NetworkOutput>> pool;
    private final List<Predictor<float[], NetworkOutput>> all = new ArrayList<>();

    /** Loads the package's weights into a DJL model with {@code predictors} predictors. */
    public DjlRunner(ModelPackage pkg, int predictors) throws InvalidModelPackageException {
        this.model = pkg.newModel();
        int s = pkg.descriptor().preprocessing().inputSize();
        int c = pkg.descriptor().architecture().inputChannels();
        Translator<float[], NetworkOutput> t = new Translator<>() {
            @Override
            public NDList processInput(TranslatorContext ctx, float[] input) {
                return new NDList(ctx.getNDManager().create(input, new Shape(1, c, s, s)));
            }

            @Override
            public NetworkOutput processOutput(TranslatorContext ctx, NDList list) {
                NDArray cams = list.get(1);
                Shape cs = cams.getShape();
                float[] pooled = list.size() > 2 ? list.get(2).toFloatArray() : null;
                return new NetworkOutput(list.get(0).toFloatArray(), cams.toFloatArray(),
                        (int) cs.get(cs.dimension() - 1), (int) cs.get(cs.dimension() - 2), pooled);
            }

            @Override
            public Batchifier getBatchifier() {
                return null;
            }
        };
        this.pool = new ArrayBlockingQueue<>(predictors);
        for (int i = 0; i < predictors; i++) {
            Predictor<float[], NetworkOutput> p = model.newPredictor(t);
            all.add(p);
            pool.add(p);
        }
    }

    /**
     * Runs one image with autograd off. PyTorch's grad mode is per thread and on by default: a forward pass in a
     * thread that never turned it off records the graph of every activation, which leaked about 15 MB per image
     * when {@code pleura evaluate} scored images on its worker threads.
     */
    @Override
    public NetworkOutput run(float[] input) throws Exception {
        Predictor<float[], NetworkOutput> p = pool.take();
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return p.predict(input);
        } finally {
            JniUtils.setGradMode(grad);
            pool.add(p);
        }
    }

    @Override
    public String engine() {
        return "djl-pytorch";
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
        model.close();
    }
}
