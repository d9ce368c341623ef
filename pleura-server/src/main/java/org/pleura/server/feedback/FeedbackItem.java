package org.pleura.server.feedback;

import java.util.Optional;

/**
 * One opinion of one reader on one finding of one image.
 *
 * @param id          database key
 * @param instancePk  the image (source instance)
 * @param username    who
 * @param displayName their name as shown
 * @param findingId   catalogue id
 * @param kind        agree, disagree, or added
 * @param modelId     the model whose result was judged
 * @param modelCall   the call the reader saw ({@code positive}, {@code doubtful}, {@code negative}), empty if the
 *                    model does not read this finding
 * @param modelScore  the score the reader saw, if any
 * @param box         for {@link FeedbackKind#ADDED}, where the finding is
 * @param createdAt   epoch ms
 */
public record FeedbackItem(long id, long instancePk, String username, String displayName, String findingId,
                           FeedbackKind kind, String modelId, Optional<String> modelCall, Optional<Double> modelScore,
                           Optional<Box> box, long createdAt) {
}
