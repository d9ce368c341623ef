package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomElement;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReferenceTools;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;

/**
 * Frames of encapsulated Pixel Data made by dcmtk with several fragments per frame, with and
 * without a basic offset table, and with an extended offset table: every frame decodes to the
 * native source's values.
 */
class EncapsulatedFramesTest {

    @TempDir
    Path tmp;

    private Path source;
    private int[][] expected;

    @BeforeEach
    void nativeSource() throws IOException {
        source = Corpus.file("real_original/pydicom-data/emri_small.dcm");
        PixelData p = PixelData.of(DicomReader.read(source));
        expected = new int[p.frameCount()][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = p.decodeFrame(i);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "dcmcrle, +ot",
        "dcmcrle, -ot",
        "dcmcjpeg, -ot",
        "dcmcjpeg, +ot",
    })
    void severalFragmentsPerFrame(String tool, String offsetTable) throws IOException {
        Path out = tmp.resolve("out.dcm");
        List<String> cmd = new ArrayList<>(List.of(tool, "+fs", "1", offsetTable));
        if (tool.equals("dcmcjpeg")) {
            cmd.add("+e1"); // lossless, first-order prediction
        }
        cmd.addAll(List.of(source.toString(), out.toString()));
        ReferenceTools.Result r = ReferenceTools.run(cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        DicomFile f = DicomReader.read(out);
        DicomElement.Fragments fragments = f.dataset().optFragments(Tag.PixelData).orElseThrow();
        assertTrue(fragments.fragmentCount() > expected.length, fragments.fragmentCount() + " fragments");
        assertEquals(offsetTable.equals("+ot") ? expected.length : 0, fragments.offsets().length);
        PixelData p = PixelData.of(f);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], p.decodeFrame(i), "frame " + i);
        }
    }

    @Test
    void extendedOffsetTable() throws IOException {
        Path out = tmp.resolve("out.dcm");
        ReferenceTools.Result r = ReferenceTools.run("dcmcrle", "+fs", "1", "+ot", source.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.err());
        DicomFile f = DicomReader.read(out);
        DicomElement.Fragments withBot = f.dataset().optFragments(Tag.PixelData).orElseThrow();
        long[] offsets = withBot.offsets();
        ByteBuffer eot = ByteBuffer.allocate(offsets.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long o : offsets) {
            eot.putLong(o);
        }
        List<byte[]> frags = new ArrayList<>();
        for (int i = 0; i < withBot.fragmentCount(); i++) {
            frags.add(withBot.fragment(i));
        }
        DicomObject ds = f.dataset().toBuilder()
                .putFragments(Tag.PixelData, VR.OB, new byte[0], frags)
                .putBytes(Tag.ExtendedOffsetTable, VR.OV, eot.array())
                .build();
        PixelData p = PixelData.of(ds, f.transferSyntax());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], p.decodeFrame(i), "frame " + i);
        }
        // Without any table the RLE headers still tell the frames apart; with a wrong frame count they cannot.
        DicomObject noTable = ds.without(Tag.ExtendedOffsetTable);
        assertArrayEquals(expected[3], PixelData.of(noTable, f.transferSyntax()).decodeFrame(3));
        DicomObject wrongCount = noTable.toBuilder().putString(Tag.NumberOfFrames, "9").build();
        PixelDataException e = assertThrows(PixelDataException.class, () -> PixelData.of(wrongCount, f.transferSyntax()));
        assertTrue(e.getMessage().contains("cannot tell the frames apart"), e.getMessage());
    }
}
