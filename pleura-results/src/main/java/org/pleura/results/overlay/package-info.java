/**
 * The overlay picture: the radiograph with its proper VOI, a box per region the model points at (solid for a
 * positive call, dashed for a doubtful one) labelled with the finding's name and score, a banner with the model
 * and the "AI aid, not a diagnosis" notice, and a legend; drawn by
 * {@link org.pleura.results.overlay.OverlayRenderer} and encoded by {@link org.pleura.results.overlay.PngEncoder}.
 */
package org.pleura.results.overlay;
