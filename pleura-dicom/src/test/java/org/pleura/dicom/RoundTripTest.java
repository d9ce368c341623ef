package org.pleura.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pleura.dicom.pixel.PixelData;

/** Read a corpus file, write it, read it back: the same attributes; and dcmtk accepts what was written. */
class RoundTripTest {

    @TempDir
    Path tmp;

    static Stream<Path> corpus() {
        return Corpus.all().stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void sameAttributesAfterWritingInTheSameSyntax(Path file) throws IOException {
        DicomFile original = DicomReader.read(file);
        for (WriteOptions options : new WriteOptions[] {WriteOptions.DEFAULT, WriteOptions.UNDEFINED_LENGTHS}) {
            Path out = tmp.resolve("out.dcm");
            DicomWriter.write(out, original.fileMeta(), original.dataset(), original.transferSyntax(), options);
            DicomFile back = DicomReader.read(out);
            assertEquals(original.transferSyntax().uid(), back.transferSyntax().uid());
            assertEquals(withoutGroupLengths(original.dataset()), withoutGroupLengths(back.dataset()),
                    file + " with " + options);
            ReferenceTools.Result r = ReferenceTools.run("dcmdump", "-q", out.toString());
            assertEquals(0, r.exitCode(), "dcmdump rejects the file written from " + file + ": " + r.err());
            assertFalse(r.err().contains("E:"), r.err());
        }
    }

    @Test
    void nativeSyntaxesConvertIntoEachOtherWithoutLoss() throws IOException {
        DicomFile source = DicomReader.read(Corpus.file("derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        int[] pixels = PixelData.of(source).decodeFrame(0);
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN}) {
            Path out = tmp.resolve(ts.uid() + ".dcm");
            DicomWriter.write(out, source.dataset(), ts);
            DicomFile back = DicomReader.read(out);
            assertEquals(ts, back.transferSyntax());
            assertEquals(standardOnly(source.dataset()), standardOnly(back.dataset()), ts.name());
            assertArrayEquals(pixels, PixelData.of(back).decodeFrame(0), ts.name());
            // dcmtk reads it and decodes the same pixels: convert to explicit LE with dcmconv, read that.
            Path viaDcmtk = tmp.resolve("dcmtk-" + ts.uid() + ".dcm");
            ReferenceTools.Result r = ReferenceTools.run("dcmconv", "+te", out.toString(), viaDcmtk.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertArrayEquals(pixels, PixelData.of(DicomReader.read(viaDcmtk)).decodeFrame(0), "dcmtk read of " + ts.name());
        }
    }

    @Test
    void encapsulatedPixelDataIsWrittenWithItsFragmentsAndOffsetTable() throws IOException {
        DicomFile rle = DicomReader.read(Corpus.file("real_original/pydicom-data/emri_small_RLE.dcm"));
        Path out = tmp.resolve("rle.dcm");
        DicomWriter.write(out, rle);
        DicomFile back = DicomReader.read(out);
        DicomElement.Fragments a = rle.dataset().optFragments(Tag.PixelData).orElseThrow();
        DicomElement.Fragments b = back.dataset().optFragments(Tag.PixelData).orElseThrow();
        assertEquals(a, b);
        assertEquals(10, b.fragmentCount());
        Path decoded = tmp.resolve("decoded.dcm");
        ReferenceTools.Result r = ReferenceTools.run("dcmdrle", out.toString(), decoded.toString());
        assertEquals(0, r.exitCode(), "dcmdrle rejects our RLE file: " + r.err());
        PixelData ours = PixelData.of(back);
        PixelData theirs = PixelData.of(DicomReader.read(decoded));
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(theirs.decodeFrame(i), ours.decodeFrame(i), "frame " + i);
        }
    }

    @Test
    void refusesToWriteFragmentsInANativeSyntax() throws IOException {
        DicomFile rle = DicomReader.read(Corpus.file("real_original/pydicom-data/emri_small_RLE.dcm"));
        DicomException e = org.junit.jupiter.api.Assertions.assertThrows(DicomException.class,
                () -> DicomWriter.write(tmp.resolve("x.dcm"), rle.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("decode the frames first"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.dcm")));
    }

    static DicomObject withoutGroupLengths(DicomObject ds) {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : ds) {
            if (e.tag().isGroupLength()) {
                continue;
            }
            if (e instanceof DicomElement.Sequence s) {
                b.putSequence(s.tag(), s.items().stream().map(RoundTripTest::withoutGroupLengths).toList());
            } else {
                b.put(e);
            }
        }
        return b.build();
    }

    /** Private elements lose their VR in implicit VR; compare the standard ones. */
    static DicomObject standardOnly(DicomObject ds) {
        return withoutGroupLengths(ds.filter(t -> !t.isPrivate()));
    }
}
