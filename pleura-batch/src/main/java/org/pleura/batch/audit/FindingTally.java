package org.pleura.batch.audit;

/**
 * How one finding fared against the labels.
 *
 * @param findingId  the finding
 * @param labelled   images of the batch with a 0/1 label for it
 * @param negative   of those, labelled negative
 * @param positive   discordant images the model calls positive
 * @param doubtful   discordant images the model calls doubtful
 */
public record FindingTally(String findingId, long labelled, long negative, long positive, long doubtful) {
}
