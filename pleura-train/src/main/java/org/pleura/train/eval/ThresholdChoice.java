package org.pleura.train.eval;

/**
 * A threshold chosen for a target, with what it achieved on the data it was chosen from.
 *
 * @param kind what the target constrains
 * @param target the target rate
 * @param threshold the chosen threshold ({@code score >= threshold} is positive)
 * @param sensitivity the sensitivity achieved on the data
 * @param specificity the specificity achieved on the data
 * @param counts the confusion counts at the threshold
 */
public record ThresholdChoice(TargetKind kind, double target, double threshold, double sensitivity,
    double specificity, ConfusionCounts counts) {}
