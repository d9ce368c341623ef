package org.pleura.batch.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.pleura.image.GrayImage;
import org.pleura.image.ImageReadException;
import org.pleura.image.RadiographReader;

/**
 * A small picture of a discordant image for the audit page: the radiograph as displayed (its VOI applied), at most
 * {@value #SIZE} pixels on its longer side, with the model's regions for the finding (solid when positive, dashed
 * when doubtful).
 */
final class Thumbnails {

    static final int SIZE = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Configuration conf;

    Thumbnails(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Writes the thumbnail of one discordance.
     *
     * @throws IOException naming the image when it cannot be read again
     */
    void write(Discordance d, Path png) throws IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(d.file());
        FileSystem fs = source.getFileSystem(conf);
        GrayImage display;
        try (InputStream in = fs.open(source)) {
            display = RadiographReader.read(in.readAllBytes(), source.getName()).display();
        } catch (ImageReadException e) {
            throw new IOException(d.file() + ": " + e.getMessage(), e);
        }
        double scale = Math.min(1.0, (double) SIZE / Math.max(display.width(), display.height()));
        int w = Math.max(1, (int) Math.round(display.width() * scale));
        int h = Math.max(1, (int) Math.round(display.height() * scale));
        BufferedImage gray = display.resize(w, h).toBufferedImage();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(gray, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (JsonNode r : JSON.readTree(d.regionsJson())) {
                String call = r.path("call").isTextual() ? r.get("call").asText() : d.call();
                boolean solid = "positive".equals(call);
                g.setColor(solid ? new Color(230, 40, 40) : new Color(255, 170, 0));
                g.setStroke(solid ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f));
                g.drawRect((int) Math.round(r.get("x").asDouble() * scale), (int) Math.round(r.get("y").asDouble() * scale),
                        (int) Math.round(r.get("w").asDouble() * scale), (int) Math.round(r.get("h").asDouble() * scale));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(rgb, "png", png.toFile());
    }
}
