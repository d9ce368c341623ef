package org.pleura.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.pleura.model.inference.NetworkOutput;
import org.pleura.model.inference.NetworkRunner;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Tensor;

/**
 * The network on ONNX Runtime (CPU), exported from the package at load time; a session serves concurrent calls.
 * Activation maps are computed from the feature map with the head's weights, as the DJL network does; a detector's
 * box maps come out of the graph.
 */
public final class OnnxRunner implements NetworkRunner {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final float[] head;
    private final int outputs;
    private final int channels;
    private final long[] inputShape;
    private final boolean detector;

    /** Exports the package's network and opens an ONNX Runtime session with {@code threads} intra-op threads. */
    public OnnxRunner(ModelPackage pkg, int threads) throws InvalidModelPackageException {
        byte[] onnx = OnnxExporter.export(pkg);
        this.detector = pkg.descriptor().detects();
        Tensor w = pkg.weights().get(detector ? "04classifier_weight" : OnnxExporter.HEAD_WEIGHT);
        if (w == null) {
            throw new InvalidModelPackageException(pkg.source() + ": the weights have no head weight");
        }
        this.head = w.values();
        this.outputs = (int) w.shape()[0];
        this.channels = (int) w.shape()[1];
        int s = pkg.descriptor().preprocessing().inputSize();
        this.inputShape = new long[] {1, pkg.descriptor().architecture().inputChannels(), s, s};
        try {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(onnx, opts);
        } catch (OrtException e) {
            throw new InvalidModelPackageException(pkg.source() + ": ONNX Runtime refused the exported network: " + e.getMessage(), e);
        }
    }

    @Override
    public NetworkOutput run(float[] input) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), inputShape);
             OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, x))) {
            float[] logits = ((float[][]) r.get(OnnxExporter.LOGITS).orElseThrow().getValue())[0];
            OnnxTensor f = (OnnxTensor) r.get(OnnxExporter.FEATURES).orElseThrow();
            long[] fs = f.getInfo().getShape();
            int h = (int) fs[2];
            int wd = (int) fs[3];
            int cells = h * wd;
            FloatBuffer fb = f.getFloatBuffer();
            float[] features = new float[channels * cells];
            fb.get(features);
            float[] pooled = new float[channels];
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int p = 0; p < cells; p++) {
                    sum += features[c * cells + p];
                }
                pooled[c] = (float) (sum / cells);
            }
            if (detector) {
                OnnxTensor m = (OnnxTensor) r.get(OnnxExporter.MAPS).orElseThrow();
                long[] ms = m.getInfo().getShape();
                float[] maps = new float[(int) (ms[1] * ms[2] * ms[3])];
                m.getFloatBuffer().get(maps);
                return new NetworkOutput(logits, maps, (int) ms[3], (int) ms[2], pooled);
            }
            float[] cams = new float[outputs * cells];
            for (int k = 0; k < outputs; k++) {
                for (int c = 0; c < channels; c++) {
                    float wkc = head[k * channels + c];
                    int fo = c * cells;
                    int co = k * cells;
                    for (int p = 0; p < cells; p++) {
                        cams[co + p] += wkc * features[fo + p];
                    }
                }
            }
            return new NetworkOutput(logits, cams, wd, h, pooled);
        }
    }

    @Override
    public String engine() {
        return "onnxruntime";
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing left to release
        }
    }
}
