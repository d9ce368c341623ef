package org.pleura.model.inference;

/**
 * Runs the network on one preprocessed image; implementations are thread-safe ({@link DjlRunner} through a pool
 * of DJL predictors on PyTorch, {@link org.pleura.model.onnx.OnnxRunner} through ONNX Runtime).
 */
public interface NetworkRunner extends AutoCloseable {

    /** Logits and activation maps for {@code inputSize x inputSize} standardized values. */
    NetworkOutput run(float[] input) throws Exception;

    /** A short name of the engine, e.g. {@code djl-pytorch}. */
    String engine();

    @Override
    void close();
}
