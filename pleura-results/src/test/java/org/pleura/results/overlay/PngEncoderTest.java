package org.pleura.results.overlay;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Random;
import java.util.zip.Adler32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void adlerOfConcatenationIsCombinedFromItsParts() {
        Random r = new Random(1);
        for (int rep = 0; rep < 20; rep++) {
            byte[] a = new byte[r.nextInt(100_000)];
            byte[] b = new byte[r.nextInt(100_000)];
            r.nextBytes(a);
            r.nextBytes(b);
            Adler32 whole = new Adler32();
            whole.update(a);
            whole.update(b);
            Adler32 x = new Adler32();
            x.update(a);
            Adler32 y = new Adler32();
            y.update(b);
            assertEquals(whole.getValue(), PngEncoder.combineAdler(x.getValue(), y.getValue(), b.length));
        }
    }

    @Test
    void manyBandsDecodeToTheSamePixels() throws Exception {
        Random r = new Random(2);
        BufferedImage img = new BufferedImage(701, 1603, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int g = (x * 7 + y * 3) & 0xFF;
                img.setRGB(x, y, r.nextInt(50) == 0 ? r.nextInt(1 << 24) : (g << 16) | (g << 8) | g);
            }
        }
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img, Map.of("Software", "test"))));
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }
}
