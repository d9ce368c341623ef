package org.pleura.train.eval;

import java.util.OptionalDouble;

/**
 * One bin of a reliability diagram.
 *
 * @param lower the lowest score in the bin (inclusive)
 * @param upper the upper edge (exclusive, except 1.0 for the last bin)
 * @param count the images whose score falls in the bin
 * @param meanScore the mean score of those images, empty when the bin is empty
 * @param observedRate the fraction of them that are positive, empty when the bin is empty
 */
public record ReliabilityBin(double lower, double upper, int count, OptionalDouble meanScore,
    OptionalDouble observedRate) {}
