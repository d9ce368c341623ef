package org.pleura.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ISO_IR 100 and ISO_IR 192 text, written by dcmtk and read by Pleura, and the other way round. */
class CharacterSetTest {

    @TempDir
    Path tmp;

    private static final String LATIN = "M\u00fcller^J\u00fcrgen=\u00c9milie";
    private static final String UNICODE = "\u5c71\u7530^\u592a\u90ce=\u03a9\u03bc\u03ad\u03b3\u03b1^\u00c9milie";

    @Test
    void readsLatin1WrittenByDcmtk() throws IOException {
        Path f = copyOfSmallFile();
        // dcmodify stores the bytes it is given: give it ISO 8859-1 bytes.
        modify(f, "(0008,0005)=ISO_IR 100", "(0010,0010)=" + LATIN, StandardCharsets.ISO_8859_1);
        DicomObject ds = DicomReader.read(f).dataset();
        assertEquals(LATIN, ds.getString(Tag.PatientName));
    }

    @Test
    void readsUtf8WrittenByDcmtk() throws IOException {
        Path f = copyOfSmallFile();
        modify(f, "(0008,0005)=ISO_IR 192", "(0010,0010)=" + UNICODE, StandardCharsets.UTF_8);
        DicomObject ds = DicomReader.read(f).dataset();
        assertEquals(UNICODE, ds.getString(Tag.PatientName));
    }

    @Test
    void dcmtkReadsWhatPleuraWritesInBothCharacterSets() throws IOException {
        for (String[] c : new String[][] {{"ISO_IR 100", LATIN}, {"ISO_IR 192", UNICODE}}) {
            DicomObject item = DicomObject.builder().putString(Tag.CodeMeaning, c[1]).build();
            DicomObject ds = DicomObject.builder()
                    .putString(Tag.SpecificCharacterSet, c[0])
                    .putString(Tag.SOPClassUID, UID.SECONDARY_CAPTURE_IMAGE_STORAGE)
                    .putString(Tag.SOPInstanceUID, UID.generate())
                    .putString(Tag.PatientName, c[1])
                    .putString(Tag.StudyDescription, c[1])
                    .putSequence(Tag.ConceptNameCodeSequence, item)
                    .build();
            Path f = tmp.resolve("cs.dcm");
            DicomWriter.write(f, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            ReferenceTools.Result r = ReferenceTools.run("dcmdump", "+U8", f.toString());
            assertEquals(0, r.exitCode(), r.err());
            String name = c[1];
            assertTrue(r.out().contains("PN [" + name + "]"), r.out());
            assertTrue(r.out().contains("LO [" + name + "]"), r.out());
            List<String> lines = r.out().lines().filter(l -> l.contains("CodeMeaning")).toList();
            assertEquals(1, lines.size());
            assertTrue(lines.get(0).contains("[" + name + "]"), lines.get(0));
            assertEquals(ds, DicomReader.read(f).dataset());
        }
    }

    @Test
    void otherSingleByteSetsDecode() {
        byte[] cyrillic = {(byte) 0xbf, (byte) 0xe3, (byte) 0xe8, (byte) 0xda, (byte) 0xd8, (byte) 0xdd};
        assertEquals("\u041f\u0443\u0448\u043a\u0438\u043d",
                SpecificCharacterSet.of(List.of("ISO_IR 144")).decode(cyrillic, 0, cyrillic.length));
        byte[] turkish = {(byte) 0xde, (byte) 0xfe};
        assertEquals("\u015e\u015f", SpecificCharacterSet.of(List.of("ISO_IR 148")).decode(turkish, 0, 2));
        byte[] czech = {(byte) 0xa9, (byte) 0xb9};
        assertEquals("\u0160\u0161", SpecificCharacterSet.of(List.of("ISO_IR 101")).decode(czech, 0, 2));
    }

    @Test
    void japaneseIso2022FromPs35AnnexH() {
        // PS3.5 H.3.1: Yamada^Tarou=ESC$B;3EDESC(B^ESC$BB@O:ESC(B
        String esc = "\u001b";
        byte[] b = ("Yamada^Tarou=" + esc + "$B;3ED" + esc + "(B^" + esc + "$BB@O:" + esc + "(B")
                .getBytes(StandardCharsets.US_ASCII);
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("", "ISO 2022 IR 87"));
        assertEquals("Yamada^Tarou=\u5c71\u7530^\u592a\u90ce", cs.decode(b, 0, b.length));
    }

    private Path copyOfSmallFile() throws IOException {
        Path f = tmp.resolve("small.dcm");
        Files.copy(Corpus.file("real_original/pydicom-data/JLSL_08_07_0_1F.dcm"), f);
        return f;
    }

    private static void modify(Path f, String charset, String assignment, java.nio.charset.Charset encoding)
            throws IOException {
        ReferenceTools.require("dcmodify");
        // Pass the value's bytes exactly: Java would re-encode a String argument in the platform charset.
        Path script = f.resolveSibling("modify.sh");
        byte[] cmd = ("dcmodify -nb -i '" + charset + "' -i '" + assignment + "' '" + f + "'\n").getBytes(encoding);
        Files.write(script, cmd);
        ReferenceTools.Result r = ReferenceTools.run("sh", script.toString());
        assertEquals(0, r.exitCode(), r.err());
    }
}
