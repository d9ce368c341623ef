package org.pleura.cli;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.pleura.image.Radiograph;
import org.pleura.image.RadiographReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pleura convert IN OUT.png [--raw]}: a display-ready 8-bit PNG (VOI applied, MONOCHROME1
 * inverted), or with {@code --raw} the stored values unchanged as a 16-bit grayscale PNG (signed
 * values as their 16-bit two's complement). First frame of multi-frame files; colour sources are
 * reduced to luminance.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a radiograph (DICOM, PNG, JPEG) to PNG: display-ready 8-bit, or --raw stored values in 16-bit.")
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input radiograph.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.png", description = "Output PNG file.")
    Path out;

    @Option(names = "--raw", description = "Write the stored pixel values unchanged as 16-bit grayscale (no LUT, no inversion).")
    boolean raw;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            Radiograph r = RadiographReader.read(in);
            BufferedImage img = raw ? storedValues(r) : r.display().toBufferedImage();
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(img, "png", out.toFile())) {
                throw new IOException("no PNG writer available");
            }
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("pleura convert: " + Messages.of(e));
            return 1;
        }
    }

    static BufferedImage storedValues(Radiograph r) {
        BufferedImage img = new BufferedImage(r.columns(), r.rows(), BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        int[] s = r.stored();
        for (int i = 0; i < s.length; i++) {
            data[i] = (short) s[i]; // two's complement for negative values
        }
        return img;
    }
}
