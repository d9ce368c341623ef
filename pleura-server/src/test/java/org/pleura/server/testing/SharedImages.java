package org.pleura.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.UID;
import org.pleura.dicom.WriteOptions;

/**
 * Real images for the server tests, from the shared data located by {@link org.pleura.testsupport.SharedData}: the
 * chest radiographs of the DICOM corpus, NIH pictures, and copies with new UIDs.
 */
public final class SharedImages {

    private SharedImages() {
    }

    /** The shared folder, or the test is skipped. */
    private static Path folder() {
        return org.pleura.testsupport.SharedData.root();
    }

    /** The DICOM corpus folder. */
    private static Path dicom() {
        return folder().resolve("data/dicom");
    }

    /**
     * The chest radiographs of the corpus with a file meta group, one per transfer syntax and source (the
     * MANIFEST.psv entries whose body part is CHEST).
     */
    public static List<Path> chestFiles() throws IOException {
        Path dir = dicom();
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("MANIFEST.psv"))) {
            String[] c = line.split("\\|", -1);
            if (c.length > 4 && c[4].equals("CHEST") && !c[2].isEmpty()) {
                out.add(dir.resolve(c[0]).normalize());
            }
        }
        return out;
    }

    /** NIH chest pictures (JPEG), sorted by name. */
    public static List<Path> nihImages(int n) throws IOException {
        Path dir = folder().resolve("data/nih-cxr/images");
        assumeTrue(Files.isDirectory(dir), "NIH images not found: skipping");
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().limit(n).toList();
        }
    }

    /**
     * A copy of a DICOM file with new UIDs (SOP instance, and optionally series and study), the encoding and pixel
     * data untouched: the corpus uses one UID for all transcodes of an image.
     *
     * @param study  new Study Instance UID, or null to keep
     * @param series new Series Instance UID, or null to keep
     * @return the SOP Instance UID given
     */
    public static String copyWithNewUids(Path source, Path target, String study, String series) throws IOException {
        DicomFile f = DicomReader.read(source);
        String sop = UID.generate();
        DicomObject.Builder b = f.dataset().toBuilder().putString(Tag.SOPInstanceUID, sop);
        if (study != null) {
            b.putString(Tag.of(0x0020, 0x000D), study);
        }
        if (series != null) {
            b.putString(Tag.of(0x0020, 0x000E), series);
        }
        DicomObject meta = f.fileMeta().toBuilder().putString(Tag.MediaStorageSOPInstanceUID, sop).build();
        DicomWriter.write(target, meta, b.build(), f.transferSyntax(), WriteOptions.DEFAULT);
        return sop;
    }
}
