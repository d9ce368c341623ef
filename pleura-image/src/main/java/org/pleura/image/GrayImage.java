package org.pleura.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A display-ready grayscale picture: {@code width x height} values in [0, 1], row-major, where 0 is
 * black and 1 is white (bone is white whatever the source photometric interpretation).
 *
 * <pre>{@code
 * GrayImage display = RadiographReader.read(path).display();
 * GrayImage input = display.resize(224, 224);
 * }</pre>
 */
public record GrayImage(int width, int height, float[] pixels) {

    public GrayImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("pixels length " + pixels.length + " is not " + width + "x" + height);
        }
    }

    /** Value at column {@code x}, row {@code y}. */
    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    /** Resized copy: area-averaging when shrinking an axis, bilinear when enlarging it. */
    public GrayImage resize(int newWidth, int newHeight) {
        return Resampler.resize(this, newWidth, newHeight);
    }

    /** 8-bit grayscale picture (values rounded to 0..255). */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            data[i] = (byte) toByte(pixels[i]);
        }
        return img;
    }

    /** Copy of an 8- or 16-bit grayscale (or colour, by luminance) picture, scaled to [0, 1]. */
    public static GrayImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] px = new float[w * h];
        var raster = image.getRaster();
        int bands = raster.getNumBands();
        int bits = image.getColorModel().getComponentSize(0);
        float max = (float) ((1L << bits) - 1);
        if (bands == 1) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = row[x] / max;
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    px[y * w + x] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                }
            }
        }
        return new GrayImage(w, h, px);
    }

    static int toByte(float v) {
        int i = Math.round(v * 255f);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
