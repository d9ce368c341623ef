/**
 * {@code pleura audit}: the batch's findings joined with what the hospital already knows (prior report labels, one
 * row per image as in a training manifest), listing per finding the images the model flags (positive or doubtful)
 * that the report called negative, ranked by score: a CSV, and an HTML page with thumbnails for a reader to go
 * through.
 */
package org.pleura.batch.audit;
