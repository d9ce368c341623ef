/**
 * Input checks: the hook where Pleura decides, before any score is shown, whether an image is a frontal chest
 * radiograph of the kind the model was trained on. {@link org.pleura.model.check.InputCheck} implementations
 * (DICOM header rules, an image-based classifier) return an {@link org.pleura.model.check.InputVerdict}.
 */
package org.pleura.model.check;
