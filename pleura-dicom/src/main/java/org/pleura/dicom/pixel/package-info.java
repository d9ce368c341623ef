/**
 * Pixel data as stored values: frame formats, and one {@link org.pleura.dicom.pixel.FrameDecoder}
 * per compressed transfer syntax (RLE, JPEG DCT and lossless, JPEG-LS, JPEG 2000) turning one
 * encoded frame into its samples. No windowing, no LUTs: that is the image stage's job.
 */
package org.pleura.dicom.pixel;
