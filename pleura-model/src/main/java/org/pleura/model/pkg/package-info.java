/**
 * The model package: one directory (or zip) holding {@code model.json} (architecture, input size, preprocessing,
 * output finding ids in order, per-finding {@code positive} and {@code doubtful} thresholds with the sensitivity
 * and specificity each gave on validation, training provenance), the weights ({@code weights.bin}, float16) and
 * {@code MODEL_CARD.md}. {@link org.pleura.model.pkg.ModelPackage#load} validates everything and throws an
 * {@link org.pleura.model.pkg.InvalidModelPackageException} naming the problem.
 */
package org.pleura.model.pkg;
