/**
 * Radiographs as pictures: the {@link org.pleura.image.Radiograph} record (stored pixels, geometry
 * and clinical metadata) read from DICOM, PNG or JPEG by {@link org.pleura.image.RadiographReader},
 * the grayscale display pipeline (modality LUT, VOI window or LUT, MONOCHROME1 inversion, pixel
 * padding) producing a {@link org.pleura.image.GrayImage}, and resizing. Knows nothing of models or
 * DICOM networking.
 */
package org.pleura.image;
