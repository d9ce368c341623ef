package org.pleura.train.data;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.pleura.image.GrayImage;
import org.pleura.image.RadiographReader;

/** Turns an image file into a display-ready picture (values in [0, 1], 1 = white). */
@FunctionalInterface
public interface ImageSource {

    /** The display image of a file. */
    GrayImage load(Path file) throws IOException;

    /**
     * Any radiograph Pleura reads (DICOM in the common transfer syntaxes, PNG, JPEG) through
     * {@link RadiographReader}, displayed with its default window (modality LUT, VOI, MONOCHROME1 inverted).
     */
    static ImageSource radiographs() {
        return file -> RadiographReader.read(file).display();
    }

    /** PNG and JPEG through {@code javax.imageio} only. */
    static ImageSource imageIo() {
        return file -> {
            java.awt.image.BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException(file + " is not an image this reader knows (PNG, JPEG)");
            }
            return GrayImage.of(img);
        };
    }
}
