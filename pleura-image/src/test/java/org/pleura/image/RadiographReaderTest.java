package org.pleura.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.testsupport.SharedData;

class RadiographReaderTest {
    @TempDir
    Path tmp;

    /** Every chest radiograph of the corpus reads with the geometry and metadata MANIFEST.psv states. */
    @Test
    void everyChestFileOfTheCorpusMatchesItsManifest() throws IOException {
        Path root = SharedData.data("dicom");
        List<String> lines = Files.readAllLines(root.resolve("MANIFEST.psv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\\|", -1);
            if (!"CHEST".equals(f[4])) {
                continue;
            }
            Radiograph r = RadiographReader.read(root.resolve(f[0]));
            assertEquals(f[3], r.metadata().modality(), f[0]);
            assertEquals("CHEST", r.metadata().bodyPartExamined(), f[0]);
            assertEquals(f[5], r.metadata().sourcePhotometric(), f[0]);
            assertEquals(Integer.parseInt(f[6]), r.rows(), f[0]);
            assertEquals(Integer.parseInt(f[7]), r.columns(), f[0]);
            assertEquals(Integer.parseInt(f[8]), r.bitsStored(), f[0]);
            assertEquals("MONOCHROME1".equals(f[5]), r.pipeline().invert(), f[0]);
            assertTrue(r.dicomHeader().isPresent());
            assertFalse(r.dicomHeader().get().contains(org.pleura.dicom.Tag.PixelData));
            checked++;
        }
        assertTrue(checked >= 25, "only " + checked + " chest files found");
    }

    /** Lossless encodings of the same radiograph give the same stored values and the same picture. */
    @Test
    void losslessVariantsAreIdentical() throws IOException {
        for (String base : List.of("CRchest440_MONO1_", "nih_dx/NIHdx_EffusionMass_MONO2_8bit_")) {
            Radiograph ref = RadiographReader.read(
                    SharedData.data("dicom/derived_transcodes/" + base + "explicitLE.dcm"));
            for (String v : List.of("RLE", "JPEGLosslessSV1", "JPEGLSLossless", "J2KLossless")) {
                Radiograph r = RadiographReader.read(SharedData.data("dicom/derived_transcodes/" + base + v + ".dcm"));
                assertArrayEquals(ref.stored(), r.stored(), base + v);
                assertArrayEquals(ref.display().pixels(), r.display().pixels(), base + v);
            }
        }
    }

    @Test
    void monochrome1IsShownWithBoneWhite() throws IOException {
        // In MONOCHROME1 low stored values are white: the lung fields (high stored values) must be dark.
        Radiograph r = RadiographReader.read(SharedData.data("dicom/real_original/fo-dicom/CR-MONO1-10-chest.dcm"));
        GrayImage g = r.display();
        int minIdx = 0;
        int maxIdx = 0;
        for (int i = 0; i < r.stored().length; i++) {
            if (r.stored()[i] < r.stored()[minIdx]) {
                minIdx = i;
            }
            if (r.stored()[i] > r.stored()[maxIdx]) {
                maxIdx = i;
            }
        }
        assertTrue(g.pixels()[minIdx] > g.pixels()[maxIdx]);
    }

    @Test
    void nihJpegReadsAsEightBitMonochrome() throws IOException {
        Path jpg = SharedData.data("nih-cxr/images/00000032_037.jpg");
        Radiograph r = RadiographReader.read(jpg);
        assertEquals(512, r.columns());
        assertEquals(512, r.rows());
        assertEquals(8, r.bitsStored());
        assertFalse(r.metadata().sourceWasColour());
        assertTrue(r.dicomHeader().isEmpty());
        GrayImage g = r.display();
        assertEquals(r.stored()[1000] / 255f, g.pixels()[1000], 1e-6);
    }

    @Test
    void sixteenBitPngKeepsItsValues() throws IOException {
        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                img.getRaster().setSample(x, y, 0, x * 1000 + y);
            }
        }
        Path png = tmp.resolve("a16.png");
        ImageIO.write(img, "png", png.toFile());
        Radiograph r = RadiographReader.read(png);
        assertEquals(16, r.bitsStored());
        assertEquals(63 * 1000 + 31, r.stored()[31 * 64 + 63]);
        assertEquals((63 * 1000 + 31) / 65535f, r.display().get(63, 31), 1e-6);
    }

    @Test
    void colourPicturesAreFlagged() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(2, 2, 0xff0000);
        Path png = tmp.resolve("colour.png");
        ImageIO.write(img, "png", png.toFile());
        assertTrue(RadiographReader.read(png).metadata().sourceWasColour());
    }

    @Test
    void badInputGivesOneClearTypedError() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello, not an image");
        var e = assertThrows(ImageReadException.class, () -> RadiographReader.read(text));
        assertEquals("notes.txt: not a DICOM, PNG or JPEG file", e.getMessage());

        Path empty = Files.write(tmp.resolve("empty.dcm"), new byte[0]);
        assertEquals("empty.dcm: file is empty",
                assertThrows(ImageReadException.class, () -> RadiographReader.read(empty)).getMessage());

        assertTrue(assertThrows(ImageReadException.class, () -> RadiographReader.read(tmp.resolve("missing.png")))
                .getMessage().startsWith("missing.png: no such file"));

        byte[] jpg = Files.readAllBytes(SharedData.data("nih-cxr/images/00000032_037.jpg"));
        Path cut = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpg, 200));
        var cutError = assertThrows(ImageReadException.class, () -> RadiographReader.read(cut));
        assertTrue(cutError.getMessage().startsWith("cut.jpg: "), cutError.getMessage());

        byte[] dcm = Files.readAllBytes(SharedData.data("dicom/derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        for (int len : new int[] {140, 400, 1000, dcm.length / 2, dcm.length - 3}) {
            Path part = Files.write(tmp.resolve("part.dcm"), Arrays.copyOf(dcm, len));
            var ex = assertThrows(ImageReadException.class, () -> RadiographReader.read(part), "cut at " + len);
            assertTrue(ex.getMessage().startsWith("part.dcm: "), ex.getMessage());
        }
    }

    @Test
    void nonImageDicomIsRefusedClearly() throws IOException {
        // A dataset without pixel data (written with a DICOM preamble) is not an image.
        byte[] dcm = Files.readAllBytes(SharedData.data("dicom/derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        var file = org.pleura.dicom.DicomReader.read(dcm, org.pleura.dicom.ReadOptions.DEFAULT);
        Path noPixels = tmp.resolve("report.dcm");
        org.pleura.dicom.DicomWriter.write(noPixels, file.dataset().without(org.pleura.dicom.Tag.PixelData),
                file.transferSyntax());
        var e = assertThrows(ImageReadException.class, () -> RadiographReader.read(noPixels));
        assertTrue(e.getMessage().toLowerCase().contains("not an image"), e.getMessage());
        assertFalse(new String(Files.readAllBytes(noPixels), StandardCharsets.ISO_8859_1).isEmpty());
    }
}
