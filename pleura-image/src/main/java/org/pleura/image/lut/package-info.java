/**
 * The grayscale transforms of DICOM PS3.3 C.11: the modality LUT (rescale slope and intercept, or a
 * lookup table) turning stored values into modality values, and the VOI transform (window
 * centre/width with the LINEAR, LINEAR_EXACT and SIGMOID functions, or a VOI lookup table) turning
 * them into display values in [0, 1]. Pure functions over numbers; they do not read DICOM.
 */
package org.pleura.image.lut;
