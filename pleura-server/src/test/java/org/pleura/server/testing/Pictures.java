package org.pleura.server.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small synthetic pictures for upload tests. */
public final class Pictures {

    private Pictures() {
    }

    /** A grey PNG whose first pixel is {@code marker} and the rest seeded noise (distinct seeds: distinct files). */
    public static byte[] png(int size, int marker, long seed) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Random r = new Random(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.getRaster().setSample(x, y, 0, 40 + r.nextInt(180));
            }
        }
        img.getRaster().setSample(0, 0, 0, marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
