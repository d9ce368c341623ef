/**
 * Pleura's model stage: the values a reading produces ({@link org.pleura.model.result.FindingResult},
 * {@link org.pleura.model.result.Region}, {@link org.pleura.model.result.Call}, {@link org.pleura.model.result.Analysis}) and the
 * {@link org.pleura.model.Detector}, loaded once from a model package and shared by all callers, which turns a
 * display-ready radiograph into per-finding scores, three-level calls, heat maps and boxes. The finding names,
 * codes and order come from {@link org.pleura.model.catalogue}; the package format from
 * {@link org.pleura.model.pkg}; the network from {@link org.pleura.model.net}; preparing the input and
 * interpreting the output from {@link org.pleura.model.inference}.
 */
package org.pleura.model;
