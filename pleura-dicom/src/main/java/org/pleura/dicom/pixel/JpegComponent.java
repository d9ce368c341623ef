package org.pleura.dicom.pixel;

/**
 * One image component of a JPEG frame (T.81 B.2.2) and its decoding state: sampling factors, the
 * quantization table latched at its first scan, the Huffman tables and DC prediction of the current
 * scan, and the plane of decoded samples at the component's own (possibly subsampled) resolution.
 */
final class JpegComponent {
    final int id;
    final int horizontalSampling;
    final int verticalSampling;
    final int quantTableIndex;
    /** Samples per row of this component: ceil(X * H / Hmax). */
    int width;
    /** Rows of this component: ceil(Y * V / Vmax). */
    int height;
    /** Decoded samples, {@code width x height}, row-major. */
    int[] plane;
    /** Quantization table in natural order, latched when the component's scan starts. */
    int[] quant;
    JpegHuffmanTable dcTable;
    JpegHuffmanTable acTable;
    int dcPrediction;
    boolean coded;

    JpegComponent(int id, int horizontalSampling, int verticalSampling, int quantTableIndex) {
        this.id = id;
        this.horizontalSampling = horizontalSampling;
        this.verticalSampling = verticalSampling;
        this.quantTableIndex = quantTableIndex;
    }
}
