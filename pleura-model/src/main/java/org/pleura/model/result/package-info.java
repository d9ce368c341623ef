/**
 * The values a reading produces, shared by every stage after the model: per-finding results with scores, calls and
 * regions ({@link org.pleura.model.result.FindingResult}, {@link org.pleura.model.result.Call},
 * {@link org.pleura.model.result.Region}), heat maps, and the whole {@link org.pleura.model.result.Analysis} of an
 * image by one model. A leaf package: it knows the finding catalogue and nothing of networks, engines or packages.
 */
package org.pleura.model.result;
