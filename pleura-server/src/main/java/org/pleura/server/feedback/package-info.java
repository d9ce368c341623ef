/**
 * Radiologists' feedback on the model's results: per finding, agree or disagree with the call; a finding the model
 * missed, added with a box. {@link org.pleura.server.feedback.FeedbackStore} keeps every opinion with who and when
 * (a newer opinion withdraws the older one, which stays in the table), {@link org.pleura.server.feedback.LabelRule}
 * turns opinions into training labels, {@link org.pleura.server.feedback.FeedbackExport} writes them as a manifest
 * and boxes CSV that {@code pleura train --manifest} reads, and {@link org.pleura.server.feedback.Agreement} counts
 * how often readers agreed with each call.
 */
package org.pleura.server.feedback;
