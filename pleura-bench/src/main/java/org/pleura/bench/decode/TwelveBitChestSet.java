package org.pleura.bench.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;
import org.pleura.dicom.pixel.PixelData;

/**
 * Builds the decode benchmark's test set: one real 2k x 2k chest radiograph (the 1955 x 1841
 * CR of the shared corpus) reduced to 12 bits stored, written by Pleura in explicit VR little
 * endian, then re-encoded by the reference tools into every common transfer syntax: implicit VR,
 * big endian and deflated ({@code dcmconv}), RLE ({@code dcmcrle}), JPEG lossless SV1 and 12-bit
 * extended ({@code dcmcjpeg}), JPEG-LS lossless and near-lossless ({@code dcmcjpls}), JPEG 2000
 * lossless ({@code gdcmconv}); for JPEG 2000 lossy, the corpus's original lossy file of the same
 * radiograph (15 bits). A variant whose tool is missing is left out.
 */
public final class TwelveBitChestSet {
    private TwelveBitChestSet() {
    }

    /** The 15-bit source inside {@code ../shared}. */
    public static Path source(Path shared) {
        return shared.resolve("data/dicom/derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm");
    }

    /** Writes the set into {@code dir} and returns the files made, native first. */
    public static List<Path> build(Path shared, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        DicomFile src = DicomReader.read(source(shared));
        int[] stored = PixelData.of(src).decodeFrame(0);
        ByteBuffer b = ByteBuffer.allocate(stored.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : stored) {
            b.putShort((short) (v >> 3));
        }
        DicomObject ds = src.dataset().toBuilder()
                .putInt(Tag.BitsStored, 12).putInt(Tag.HighBit, 11)
                .putString(Tag.WindowCenter, "1875").putString(Tag.WindowWidth, "3750")
                .putBytes(Tag.PixelData, VR.OW, b.array())
                .build();
        Path nativeFile = dir.resolve("chest12_explicitLE.dcm");
        DicomWriter.write(nativeFile, ds, src.transferSyntax());
        List<Path> out = new ArrayList<>(List.of(nativeFile));
        String in = nativeFile.toString();
        make(out, dir, "chest12_implicitLE.dcm", "dcmconv", "+ti", in);
        make(out, dir, "chest12_explicitBE.dcm", "dcmconv", "+tb", in);
        make(out, dir, "chest12_deflated.dcm", "dcmconv", "+td", in);
        make(out, dir, "chest12_RLE.dcm", "dcmcrle", in);
        make(out, dir, "chest12_JPEGLosslessSV1.dcm", "dcmcjpeg", "+e1", in);
        make(out, dir, "chest12_JPEGExtended12.dcm", "dcmcjpeg", "+ee", in);
        make(out, dir, "chest12_JPEGLSLossless.dcm", "dcmcjpls", "+el", in);
        make(out, dir, "chest12_JPEGLSNearLossless.dcm", "dcmcjpls", "+en", "+md", "2", in);
        make(out, dir, "chest12_J2KLossless.dcm", "gdcmconv", "--j2k", in);
        // gdcm cannot derive a lossy JPEG 2000 from this header; the corpus holds the real lossy
        // original of this radiograph (15 bits stored), which stands for JPEG 2000 lossy.
        Path lossy = shared.resolve("data/dicom/real_original/pydicom-data/RG1_J2KI.dcm");
        if (Files.isRegularFile(lossy)) {
            out.add(lossy);
        }
        return out;
    }

    private static void make(List<Path> out, Path dir, String name, String... cmdAndArgs)
            throws IOException, InterruptedException {
        Path target = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(cmdAndArgs));
        cmd.add(target.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("skipping " + name + ": " + cmdAndArgs[0] + " is not installed");
            return;
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(target)) {
            p.destroyForcibly();
            System.err.println("skipping " + name + ": " + String.join(" ", cmd) + " failed");
            return;
        }
        out.add(target);
    }
}
