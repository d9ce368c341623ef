/**
 * The DICOM data model and Part 10 files: tags, value representations, the attribute set
 * ({@code DicomObject}) with typed getters, reading and writing files in every common transfer
 * syntax. Knows nothing of images as pictures, models or HTTP.
 */
package org.pleura.dicom;
