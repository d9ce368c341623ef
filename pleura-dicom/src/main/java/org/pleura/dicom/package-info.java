/**
 * The DICOM data model and Part 10 files: tags and the built-in data dictionary, value
 * representations, the immutable attribute set {@code DicomObject} (with its builder and typed
 * getters), transfer syntaxes, UIDs, character sets; {@code DicomReader} and {@code DicomWriter}
 * for files and bare data sets in every native transfer syntax (encapsulated Pixel Data kept as
 * fragments); {@code DicomDump}, a dcmdump-style text view; and the typed exceptions for bad
 * input ({@code DicomFormatException}, {@code DicomLimitException}, {@code
 * DicomAttributeException}). Knows nothing of images as pictures, models or HTTP.
 */
package org.pleura.dicom;
