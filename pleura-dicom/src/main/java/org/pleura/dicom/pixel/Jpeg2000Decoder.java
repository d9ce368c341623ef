package org.pleura.dicom.pixel;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.IOException;

/**
 * Decodes JPEG 2000 frames (transfer syntaxes 1.2.840.10008.1.2.4.90 lossless and .91 lossy) with
 * the JJ2000 decoder of {@code com.github.jai-imageio:jai-imageio-jpeg2000}, reading the decoded
 * raster's integer samples directly (never a colour-converted image), so precision up to 16 bits
 * and signed data come out exactly as coded.
 *
 * <pre>{@code
 * DecodedFrame frame = new Jpeg2000Decoder().decode(frameBytes, format);
 * }</pre>
 *
 * <p>What it returns: lossless frames bit-exact; lossy frames as JJ2000 reconstructs them (within
 * a documented tolerance of OpenJPEG, which gdcm uses: see {@code docs/benchmarks.md}). Colour
 * frames coded with the reversible or irreversible component transform (photometric YBR_RCT /
 * YBR_ICT) come out as RGB, as with every JPEG 2000 decoder; JJ2000's biased rounding of the
 * irreversible transform is corrected. Signed samples are returned as two's complement in the wider
 * of the codestream precision and Bits Stored. Components subsampled inside the codestream and
 * precisions above 16 bits are refused.
 *
 * <p>Before the library sees the data, the codestream's SIZ is checked against the DICOM header
 * (so nothing larger than the declared frame is allocated) and its tile-parts are walked by their
 * lengths, so a truncated frame is refused rather than decoded at reduced quality. Any failure of
 * the library becomes a {@link PixelDataException}. Stateless and safe to share between threads.
 */
public final class Jpeg2000Decoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException {
        if (encoded == null || format == null) {
            throw new PixelDataException("no JPEG 2000 data or no frame format given");
        }
        Jpeg2000Codestream stream = Jpeg2000Codestream.check(encoded, format);
        Raster raster = read(encoded, stream);
        if (raster.getWidth() != stream.columns() || raster.getHeight() != stream.rows()
                || raster.getNumBands() != stream.components()) {
            throw new PixelDataException("JPEG 2000 decoder returned " + raster.getWidth() + "x" + raster.getHeight()
                    + "x" + raster.getNumBands() + " instead of " + stream.columns() + "x" + stream.rows() + "x"
                    + stream.components());
        }
        return new DecodedFrame(stream.rows(), stream.columns(), stream.components(), stream.precision(),
                samples(raster, stream, format));
    }

    private static Raster read(byte[] encoded, Jpeg2000Codestream stream) throws PixelDataException {
        J2KImageReader reader = new J2KImageReader(new J2KImageReaderSpi());
        try (Jpeg2000ByteStream input = new Jpeg2000ByteStream(encoded, stream.start(), stream.end())) {
            reader.setInput(input, true, true);
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new PixelDataException("corrupt JPEG 2000 data: " + describe(e), e);
        } catch (Error e) {
            // JJ2000 reports some corrupt streams with a plain Error; deep recursion on hostile input
            // overflows the stack. Anything else (out of memory, linkage) is not about the data.
            if (e.getClass() == Error.class || e instanceof StackOverflowError) {
                throw new PixelDataException("corrupt JPEG 2000 data: " + describe(e), e);
            }
            throw e;
        } finally {
            reader.dispose();
        }
    }

    /**
     * Interleaves the raster's bands by pixel. Unsigned samples are returned as they are; signed
     * samples as their two's complement in the wider of the codestream precision and Bits Stored,
     * so the caller's sign extension from Bits Stored restores them even when the header declares
     * more bits than the codestream codes (as in the corpus CT 693_J2KR: 16 bits stored, 14 coded).
     */
    private static int[] samples(Raster raster, Jpeg2000Codestream stream, FrameFormat format) {
        int rows = stream.rows();
        int columns = stream.columns();
        int n = stream.components();
        int width = Math.max(stream.precision(), format.bitsStored());
        int mask = width >= 32 ? -1 : (1 << width) - 1;
        int[] out = new int[rows * columns * n];
        if (n == 1) {
            raster.getSamples(raster.getMinX(), raster.getMinY(), columns, rows, 0, out);
            for (int i = 0; i < out.length; i++) {
                out[i] &= mask;
            }
            return out;
        }
        int[] band = new int[rows * columns];
        for (int b = 0; b < n; b++) {
            raster.getSamples(raster.getMinX(), raster.getMinY(), columns, rows, b, band);
            if (stream.irreversibleColour() && b < 3) {
                undoIctRoundingBias(band, 1 << (stream.precision() - 1));
            }
            for (int i = 0, o = b; i < band.length; i++, o += n) {
                out[o] = band[i] & mask;
            }
        }
        return out;
    }

    /**
     * JJ2000's inverse irreversible colour transform rounds with {@code (int) (x + 0.5f)}, which
     * truncates towards zero: every reconstructed value below zero (before the DC level shift) comes
     * out one too high. A decoded sample below the level shift therefore came from such a value and
     * is lowered by one, giving the correctly rounded result (a sample equal to the level shift is
     * ambiguous and kept: at most one off). Measured on the corpus US1_J2KI: without this, 87% of
     * samples are one above OpenJPEG's; with it, they agree within 1.
     */
    private static void undoIctRoundingBias(int[] band, int levelShift) {
        for (int i = 0; i < band.length; i++) {
            int v = band[i];
            if (v < levelShift && v > 0) {
                band[i] = v - 1;
            }
        }
    }

    /** The library's message, without its wrapping of wrappers. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName()
                : message.replaceAll("\\s+", " ").trim();
    }
}
