/**
 * Input checks: where Pleura decides, before any score is shown, whether an image is a frontal chest radiograph of
 * the kind the model was trained on. {@link org.pleura.model.check.HeaderCheck} reads the DICOM header (before
 * decoding), {@link org.pleura.model.check.PictureCheck} the picture itself (colour, size, shape, blank, saturated,
 * noise) and {@link org.pleura.model.check.FeatureCheck} the model's own features against statistics of its
 * training images ({@link org.pleura.model.check.FeatureStatistics}, an optional file of the model package). Each
 * returns an {@link org.pleura.model.check.InputVerdict}.
 */
package org.pleura.model.check;
