package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReferenceTools;

/**
 * Test-only helpers of the JPEG-LS tests and benchmark: reading corpus files with the project's
 * Part 10 reader, making JPEG-LS files with dcmtk's {@code dcmcjpls} and decoding them with
 * {@code dcmdjpls} (the reference: CharLS inside dcmtk).
 */
final class JpegLsTestSupport {

    private JpegLsTestSupport() {
    }

    /** The Pixel Data of a DICOM file. */
    static PixelData pixels(Path file) throws IOException {
        return PixelData.of(DicomReader.read(file));
    }

    /** The Pixel Data of a corpus file (skips the test when the corpus is absent). */
    static PixelData corpus(String relative) throws IOException {
        return pixels(Corpus.file(relative));
    }

    /** Runs a dcmtk or GDCM command; skips the test when the tool is missing, fails when it fails. */
    static void dcmtk(String... command) throws IOException {
        ReferenceTools.Result r = ReferenceTools.run(command);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + r.exitCode() + ": " + r.err() + r.out());
        }
    }

    /** Encodes {@code source} with {@code dcmcjpls} and the given options into {@code dir}. */
    static Path encode(Path source, Path dir, String name, String... options) throws IOException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>();
        command.add("dcmcjpls");
        command.addAll(List.of(options));
        command.add(source.toString());
        command.add(out.toString());
        dcmtk(command.toArray(String[]::new));
        return out;
    }

    /** Decodes a JPEG-LS file with {@code dcmdjpls} to explicit VR little endian in {@code dir}. */
    static PixelData referenceDecode(Path jpegLs, Path dir) throws IOException {
        Path out = dir.resolve(jpegLs.getFileName() + ".dcmdjpls.dcm");
        dcmtk("dcmdjpls", jpegLs.toString(), out.toString());
        return pixels(out);
    }

    /** Decodes a compressed file with GDCM's {@code gdcmconv --raw} (CharLS 2) in {@code dir}. */
    static PixelData gdcmDecode(Path compressed, Path dir) throws IOException {
        Path out = dir.resolve(compressed.getFileName() + ".gdcmconv.dcm");
        dcmtk("gdcmconv", "--raw", compressed.toString(), out.toString());
        return pixels(out);
    }

    /** Raw decoder output of every frame of a JPEG-LS file, straight from {@link JpegLsDecoder}. */
    static List<DecodedFrame> decodeAll(PixelData pixels) throws PixelDataException {
        JpegLsDecoder decoder = new JpegLsDecoder();
        List<DecodedFrame> frames = new ArrayList<>();
        for (int i = 0; i < pixels.frameCount(); i++) {
            frames.add(decoder.decode(pixels.encodedFrame(i), pixels.format()));
        }
        return frames;
    }

    /** Asserts two sample arrays are identical, reporting the first difference by position. */
    static void assertSameSamples(int[] expected, int[] actual, int columns, int samplesPerPixel, String what) {
        assertEquals(expected.length, actual.length, what + ": sample count");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                int pixel = i / samplesPerPixel;
                throw new AssertionError(what + ": first difference at row " + pixel / columns + ", column "
                        + pixel % columns + ", sample " + i % samplesPerPixel + ": expected " + expected[i] + ", got "
                        + actual[i]);
            }
        }
    }

    /** Index of the first {@code 0xFF marker} pair in a codestream, or -1. */
    static int indexOfMarker(byte[] codestream, int marker) {
        for (int i = 0; i + 1 < codestream.length; i++) {
            if (codestream[i] == (byte) 0xFF && (codestream[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }

    /** Largest absolute difference between two sample arrays of the same length. */
    static int maxDifference(int[] a, int[] b) {
        assertEquals(a.length, b.length, "sample count");
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

}
