package org.pleura.dicom.pixel;

/**
 * The frame header of a JPEG codestream (SOFn, T.81 B.2.2): coding process, sample precision,
 * dimensions and components.
 */
final class JpegFrame {
    /** The SOF marker's low byte: 0xC0 baseline, 0xC1 extended, 0xC3 lossless. */
    final int sofMarker;
    final int precision;
    final int rows;
    final int columns;
    final JpegComponent[] components;
    final int maxHorizontalSampling;
    final int maxVerticalSampling;

    JpegFrame(int sofMarker, int precision, int rows, int columns, JpegComponent[] components) {
        this.sofMarker = sofMarker;
        this.precision = precision;
        this.rows = rows;
        this.columns = columns;
        this.components = components;
        int hmax = 1;
        int vmax = 1;
        for (JpegComponent c : components) {
            hmax = Math.max(hmax, c.horizontalSampling);
            vmax = Math.max(vmax, c.verticalSampling);
        }
        this.maxHorizontalSampling = hmax;
        this.maxVerticalSampling = vmax;
        for (JpegComponent c : components) {
            c.width = ceilDiv(columns * c.horizontalSampling, hmax);
            c.height = ceilDiv(rows * c.verticalSampling, vmax);
        }
    }

    boolean lossless() {
        return sofMarker == 0xC3;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
