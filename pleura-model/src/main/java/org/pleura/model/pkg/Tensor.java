package org.pleura.model.pkg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named array of weights as stored in a package, independent of any engine.
 *
 * @param name   parameter path in the network, e.g. {@code 02head_weight}
 * @param shape  dimensions
 * @param values {@code product(shape)} values, row-major
 */
public record Tensor(String name, long[] shape, float[] values) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + values.length + " values for shape " + Arrays.toString(shape));
        }
    }
}
