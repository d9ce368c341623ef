package org.pleura.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Tensor;

/**
 * Writes a package's network as an ONNX model (IR 7, opset 13): input {@code image (N, C, S, S)}, outputs
 * {@code logits (N, K)} and {@code features (N, C', S/stride, S/stride)}, and for a detector also
 * {@code maps (N, K + 4, S/stride, S/stride)}. Batch normalisation is folded into the preceding convolution
 * (inference statistics), so the graph is only Conv, Relu, MaxPool, Add, GlobalAveragePool, Flatten and Gemm.
 *
 * <pre>{@code
 * byte[] onnx = OnnxExporter.export(ModelPackage.load(dir));
 * Files.write(dir.resolve("model.onnx"), onnx);
 * }</pre>
 */
public final class OnnxExporter {

    /** Input name. */
    public static final String INPUT = "image";
    /** Logits output name. */
    public static final String LOGITS = "logits";
    /** Last feature map output name. */
    public static final String FEATURES = "features";
    /** A detector's box maps output name. */
    public static final String MAPS = "maps";
    /** Head weight parameter, {@code (K, C')}, used to compute activation maps from {@link #FEATURES}. */
    public static final String HEAD_WEIGHT = "02head_weight";

    private static final String HEAD_BIAS = "02head_bias";
    private static final String CLASSIFIER = "04classifier_";
    private static final float BN_EPSILON = 1e-5f;

    private final Map<String, Tensor> weights;
    private final ProtoWriter graph = new ProtoWriter();
    private int nodes;

    private OnnxExporter(Map<String, Tensor> weights) {
        this.weights = weights;
    }

    /** The ONNX model bytes of a package's network. */
    public static byte[] export(ModelPackage pkg) throws InvalidModelPackageException {
        ResNetSpec spec = pkg.descriptor().architecture().toSpec();
        int size = pkg.descriptor().preprocessing().inputSize();
        OnnxExporter e = new OnnxExporter(pkg.weights());
        boolean detector = pkg.descriptor().detects();
        String x = e.build(spec, detector);
        e.graph.string(2, "pleura-" + spec.name());
        e.graph.message(11, valueInfo(INPUT, new Object[] {"N", (long) spec.inputChannels(), (long) size, (long) size}));
        long logits = pkg.descriptor().outputs().size() - (detector ? 1 : 0);
        e.graph.message(12, valueInfo(LOGITS, new Object[] {"N", logits}));
        long cells = size / spec.stride();
        e.graph.message(12, valueInfo(FEATURES, new Object[] {"N", (long) spec.featureChannels(), cells, cells}));
        if (detector) {
            e.graph.message(12, valueInfo(MAPS, new Object[] {"N", (long) pkg.descriptor().outputs().size() + 3, cells,
                    cells}));
        }
        ProtoWriter model = new ProtoWriter()
                .varint(1, 7)
                .string(2, "pleura")
                .string(3, "1")
                .message(7, e.graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13));
        if (!FEATURES.equals(x)) {
            throw new IllegalStateException("export did not end at the feature map");
        }
        return model.toByteArray();
    }

    private String build(ResNetSpec spec, boolean detector) throws InvalidModelPackageException {
        String x = convBn(INPUT, "01backbone_01Conv2d_weight", "01backbone_02BatchNorm_", 2, 3, 1);
        x = node("Relu", new String[] {x}, null);
        x = node("MaxPool", new String[] {x}, new ProtoWriter[] {ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1)});
        int child = 5;
        int in = spec.widths().get(0);
        int last = spec.blocks().size() - 1;
        for (int s = 0; s < spec.blocks().size(); s++) {
            int width = spec.widths().get(s);
            int dilation = s == last && spec.lastStageDilated() ? 2 : 1;
            for (int b = 0; b < spec.blocks().get(s); b++) {
                int stride = (s > 0 && b == 0 && dilation == 1) ? 2 : 1;
                String p = String.format("01backbone_%02dSequentialBlock_01ParallelBlock_", child++);
                String y = convBn(x, p + "01SequentialBlock_01Conv2d_weight", p + "01SequentialBlock_02BatchNorm_", stride,
                        dilation, dilation);
                y = node("Relu", new String[] {y}, null);
                y = convBn(y, p + "01SequentialBlock_04Conv2d_weight", p + "01SequentialBlock_05BatchNorm_", 1, dilation,
                        dilation);
                String shortcut = (stride == 1 && in == width) ? x
                        : convBn(x, p + "02SequentialBlock_01Conv2d_weight", p + "02SequentialBlock_02BatchNorm_", stride, 0, 1);
                x = node("Relu", new String[] {node("Add", new String[] {y, shortcut}, null)}, null);
                in = width;
            }
        }
        String features = node("Identity", new String[] {x}, null, FEATURES);
        String pooled = node("GlobalAveragePool", new String[] {features}, null);
        String flat = node("Flatten", new String[] {pooled}, new ProtoWriter[] {intAttr("axis", 1)});
        String weight = detector ? CLASSIFIER + "weight" : HEAD_WEIGHT;
        String bias = detector ? CLASSIFIER + "bias" : HEAD_BIAS;
        initializer(weight, tensor(weight));
        initializer(bias, tensor(bias));
        node("Gemm", new String[] {flat, weight, bias}, new ProtoWriter[] {intAttr("transB", 1)}, LOGITS);
        if (detector) {
            String neck = conv(features, "02neck_01Conv2d_", 1);
            neck = node("Relu", new String[] {neck}, null);
            String maps = conv(neck, "03head_", 0);
            node("Identity", new String[] {maps}, null, MAPS);
        }
        return features;
    }

    /** A convolution with the following batch normalisation folded in. */
    private String convBn(String x, String convWeight, String bn, int stride, int pad, int dilation)
            throws InvalidModelPackageException {
        Tensor w = tensor(convWeight);
        float[] gamma = tensor(bn + "gamma").values();
        float[] beta = tensor(bn + "beta").values();
        float[] mean = tensor(bn + "runningMean").values();
        float[] var = tensor(bn + "runningVar").values();
        int out = (int) w.shape()[0];
        int per = w.values().length / out;
        float[] fw = new float[w.values().length];
        float[] fb = new float[out];
        for (int o = 0; o < out; o++) {
            float scale = (float) (gamma[o] / Math.sqrt(var[o] + BN_EPSILON));
            for (int k = 0; k < per; k++) {
                fw[o * per + k] = w.values()[o * per + k] * scale;
            }
            fb[o] = beta[o] - mean[o] * scale;
        }
        String wn = convWeight + "_folded";
        String bname = convWeight + "_folded_bias";
        initializer(wn, new Tensor(wn, w.shape(), fw));
        initializer(bname, new Tensor(bname, new long[] {out}, fb));
        int k = (int) w.shape()[2];
        return node("Conv", new String[] {x, wn, bname}, new ProtoWriter[] {ints("kernel_shape", k, k),
                ints("strides", stride, stride), ints("pads", pad, pad, pad, pad), ints("dilations", dilation, dilation)});
    }

    /** A convolution with its own bias (no batch normalisation), stride 1. */
    private String conv(String x, String prefix, int pad) throws InvalidModelPackageException {
        Tensor w = tensor(prefix + "weight");
        Tensor b = tensor(prefix + "bias");
        initializer(prefix + "weight", w);
        initializer(prefix + "bias", b);
        int k = (int) w.shape()[2];
        return node("Conv", new String[] {x, prefix + "weight", prefix + "bias"}, new ProtoWriter[] {ints("kernel_shape", k, k),
                ints("strides", 1, 1), ints("pads", pad, pad, pad, pad)});
    }

    private Tensor tensor(String name) throws InvalidModelPackageException {
        Tensor t = weights.get(name);
        if (t == null) {
            throw new InvalidModelPackageException("cannot export to ONNX: the weights have no parameter " + name);
        }
        return t;
    }

    private String node(String op, String[] inputs, ProtoWriter[] attributes) {
        return node(op, inputs, attributes, op.toLowerCase() + "_" + nodes);
    }

    private String node(String op, String[] inputs, ProtoWriter[] attributes, String output) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output).string(3, "n" + nodes++).string(4, op);
        if (attributes != null) {
            for (ProtoWriter a : attributes) {
                n.message(5, a);
            }
        }
        graph.message(1, n);
        return output;
    }

    private void initializer(String name, Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : t.values()) {
            b.putFloat(v);
        }
        ProtoWriter p = new ProtoWriter();
        for (long d : t.shape()) {
            p.varint(1, d);
        }
        p.varint(2, 1).string(8, name).bytes(9, b.array());
        graph.message(5, p);
    }

    private static ProtoWriter ints(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private static ProtoWriter valueInfo(String name, Object[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new ProtoWriter().string(2, s) : new ProtoWriter().varint(1, (Long) d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, 1).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
