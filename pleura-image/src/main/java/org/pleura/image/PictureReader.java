package org.pleura.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG (8- and 16-bit grayscale, colour, palette) and JPEG pictures into radiographs. The
 * picture is taken as display-ready: its full value range is the default window. Colour pictures
 * are converted to luminance and flagged in the metadata, so the input checks can refuse photographs.
 */
final class PictureReader {
    private PictureReader() {
    }

    static Radiograph read(byte[] bytes, String source, SourceFormat format) throws ImageReadException {
        String kind = format == SourceFormat.PNG ? "PNG" : "JPEG";
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageReadException(source, "no decoder for this " + kind + " file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                ImageLimits.checkSize(source, w, h);
                BufferedImage img = reader.read(0);
                return toRadiograph(img, source);
            } finally {
                reader.dispose();
            }
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageReadException(source, "corrupt or unsupported " + kind + " file (" + why + ")", e);
        }
    }

    static Radiograph toRadiograph(BufferedImage img, String source) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        boolean palette = img.getColorModel() instanceof IndexColorModel;
        int[] stored = new int[w * h];
        int bits;
        ClinicalMetadata meta;
        if (bands == 1 && !palette) {
            bits = Math.min(16, img.getColorModel().getComponentSize(0));
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                System.arraycopy(row, 0, stored, y * w, w);
            }
            meta = ClinicalMetadata.ofPicture("MONOCHROME2", 1);
        } else {
            bits = 8;
            boolean gray = true;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (r != g || g != b) {
                        gray = false;
                    }
                    stored[y * w + x] = Math.round(0.299f * r + 0.587f * g + 0.114f * b);
                }
            }
            // A colour container holding a gray picture (common for exported radiographs) is gray.
            meta = gray ? ClinicalMetadata.ofPicture("MONOCHROME2", 1)
                    : ClinicalMetadata.ofPicture(palette ? "PALETTE COLOR" : "RGB", palette ? 1 : 3);
        }
        return new Radiograph(source, w, h, stored, bits, false, DisplayPipeline.fullRange(bits),
                Optional.empty(), meta, Optional.empty());
    }
}
