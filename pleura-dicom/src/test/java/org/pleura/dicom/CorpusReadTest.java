package org.pleura.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the shared corpus is read, and agrees with MANIFEST.psv. */
class CorpusReadTest {

    static Stream<String> manifestRows() throws IOException {
        Path manifest = Corpus.root().resolve("MANIFEST.psv");
        return Files.readAllLines(manifest).stream().skip(1).filter(l -> !l.isBlank());
    }

    @ParameterizedTest
    @MethodSource("manifestRows")
    void readsEveryManifestFileWithItsDeclaredHeader(String row) throws IOException {
        String[] f = row.split("\\|", -1);
        Path file = Corpus.root().resolve(f[0]);
        DicomFile d = DicomReader.read(file);
        DicomObject ds = d.dataset();
        assertFalse(ds.isEmpty(), file + " has no elements");
        assertEquals(f[3], ds.getString(Tag.Modality, ""), "Modality of " + file);
        assertEquals(f[4], ds.getString(Tag.BodyPartExamined, ""), "BodyPart of " + file);
        assertEquals(f[5], ds.getString(Tag.PhotometricInterpretation, ""), "Photometric of " + file);
        assertEquals(Integer.parseInt(f[6]), ds.getInt(Tag.Rows), "Rows of " + file);
        assertEquals(Integer.parseInt(f[7]), ds.getInt(Tag.Columns), "Columns of " + file);
        assertEquals(Integer.parseInt(f[8]), ds.getInt(Tag.BitsStored), "BitsStored of " + file);
        if (!f[9].isEmpty()) {
            assertEquals(Integer.parseInt(f[9]), ds.getInt(Tag.NumberOfFrames), "NumberOfFrames of " + file);
        }
        if (f[2].isEmpty()) {
            assertFalse(d.hasFileMeta(), file + " has no meta group");
        } else {
            assertTrue(d.hasFileMeta(), file + " has a meta group");
        }
        assertTrue(ds.contains(Tag.PixelData), file + " has Pixel Data");
    }

    @Test
    void readsEveryCorpusFileHeaderOnlyAndStopsBeforePixelData() throws IOException {
        List<Path> all = Corpus.all();
        assertTrue(all.size() >= 50, "corpus has " + all.size() + " files");
        for (Path p : all) {
            DicomFile d = DicomReader.read(p, ReadOptions.HEADER_ONLY);
            assertFalse(d.dataset().contains(Tag.PixelData), p.toString());
            assertTrue(d.dataset().contains(Tag.Rows), p.toString());
        }
    }
}
