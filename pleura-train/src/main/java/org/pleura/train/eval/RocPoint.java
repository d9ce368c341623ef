package org.pleura.train.eval;

/**
 * One point of a ROC curve: calling positive every image with {@code score >= threshold} gives these rates.
 *
 * @param threshold the threshold ({@code +Infinity} for the origin point where nothing is positive)
 * @param falsePositiveRate 1 - specificity
 * @param truePositiveRate sensitivity
 */
public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {}
