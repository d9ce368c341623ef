package org.pleura.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay; Loshchilov and Hutter 2019) through PyTorch's fused update, with its moment
 * estimates kept by parameter name so that they can be saved with a checkpoint and restored when training
 * resumes (DJL's own AdamW keeps them private). Batch-norm parameters and biases are not decayed.
 */
public final class ResumableAdamW extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Tracker schedule;
    private final float weightDecay;
    private final NDManager stateManager;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();

    private ResumableAdamW(Builder b) {
        super(b);
        this.schedule = b.schedule;
        this.weightDecay = b.weightDecay;
        this.stateManager = b.stateManager;
    }

    /**
     * An optimizer for a network's parameters.
     *
     * @param parameters    the network's parameters (names identify the state)
     * @param schedule      learning rate per update
     * @param weightDecay   decoupled weight decay of convolution and linear weights
     * @param updatesDone   updates already made (when resuming; 0 for a new run)
     * @param stateManager  owns the moment arrays (closed by the caller after training)
     */
    public static ResumableAdamW create(PairList<String, Parameter> parameters, Tracker schedule, float weightDecay,
                                        int updatesDone, NDManager stateManager) {
        Builder b = new Builder();
        b.schedule = schedule;
        b.weightDecay = weightDecay;
        b.stateManager = stateManager;
        b.optBeginNumUpdate(updatesDone);
        ResumableAdamW opt = new ResumableAdamW(b);
        for (Pair<String, Parameter> p : parameters) {
            opt.names.put(p.getValue().getId(), p.getKey());
        }
        return opt;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        String name = names.getOrDefault(parameterId, parameterId);
        float lr = schedule.getNewValue(t);
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        float lrCorrected = (float) (lr * Math.sqrt(c2) / c1);
        float wd = decays(name) ? weightDecay : 0f;
        NDArray m = means.computeIfAbsent(name, k -> stateManager.zeros(weight.getShape()));
        NDArray v = variances.computeIfAbsent(name, k -> stateManager.zeros(weight.getShape()));
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), lr, lrCorrected,
                wd, rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, true);
    }

    /** Weights of convolutions and linear layers are decayed; batch-norm scales, shifts and biases are not. */
    static boolean decays(String name) {
        return name.endsWith("weight") && !name.contains("BatchNorm");
    }

    /** The moment estimates by parameter name: {@code name + "/m"} and {@code name + "/v"}. */
    public Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : means.entrySet()) {
            out.put(e.getKey() + "/m", e.getValue().toFloatArray());
            out.put(e.getKey() + "/v", variances.get(e.getKey()).toFloatArray());
        }
        return out;
    }

    /** Restores moment estimates saved by {@link #state()} (shapes come from the current parameters). */
    public void restore(Map<String, float[]> state, PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            float[] m = state.get(p.getKey() + "/m");
            float[] v = state.get(p.getKey() + "/v");
            if (m == null || v == null) {
                continue;
            }
            Shape shape = p.getValue().getArray().getShape();
            NDArray ma = stateManager.create(FloatBuffer.wrap(m), shape);
            NDArray va = stateManager.create(FloatBuffer.wrap(v), shape);
            means.put(p.getKey(), ma);
            variances.put(p.getKey(), va);
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        private Tracker schedule;
        private float weightDecay;
        private NDManager stateManager;

        @Override
        protected Builder self() {
            return this;
        }
    }
}
