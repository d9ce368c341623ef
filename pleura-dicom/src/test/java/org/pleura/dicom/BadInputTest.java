package org.pleura.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pleura.dicom.pixel.NoPixelDataException;
import org.pleura.dicom.pixel.PixelData;
import org.pleura.dicom.pixel.PixelDataException;
import org.pleura.dicom.pixel.UnsupportedTransferSyntaxException;

/**
 * Hostile and broken input: every failure is a {@link DicomException} subtype with a message,
 * never another exception, never an OutOfMemoryError, never a hang.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    /** Reads bytes as a file and as a stream of unknown length, then decodes every frame. */
    static void readAndDecode(byte[] bytes) {
        for (boolean stream : new boolean[] {false, true}) {
            try {
                DicomFile f = stream ? DicomReader.read(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT)
                        : DicomReader.read(bytes, ReadOptions.DEFAULT);
                DicomDump.format(f);
                PixelData p = PixelData.of(f);
                for (int i = 0; i < Math.min(p.frameCount(), 3); i++) {
                    p.decodeFrame(i);
                }
            } catch (DicomException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    fail("exception without a message: " + e.getClass());
                }
            } catch (IOException e) {
                fail("an IOException that is not a DicomException: " + e, e);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("input of " + bytes.length + " bytes gives " + e, e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "real_original/fo-dicom/CR-MONO1-10-chest.dcm",
        "derived_transcodes/CRchest440_MONO1_Deflated.dcm",
        "derived_transcodes/CRchest440_MONO1_explicitBE.dcm",
        "real_original/pydicom-data/emri_small_RLE.dcm",
        "real_original/pydicom-data/liver_deflate.dcm",
        "real_original/pydicom-data/OBXXXX1A_rle.dcm",
        "real_original/fo-dicom/GH227.dcm",
    })
    void truncatedAndMutatedCorpusFiles(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.file(name));
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int cut = 0; cut < Math.min(bytes.length, 1500); cut += 3) {
                readAndDecode(Arrays.copyOf(bytes, cut));
            }
            for (int k = 1; k < 40; k++) {
                readAndDecode(Arrays.copyOf(bytes, (int) ((long) bytes.length * k / 40)));
            }
            Random random = new Random(name.hashCode());
            int region = Math.min(bytes.length, 4096);
            for (int m = 0; m < 400; m++) {
                byte[] copy = bytes.clone();
                int flips = 1 + random.nextInt(4);
                for (int j = 0; j < flips; j++) {
                    int at = random.nextInt(m % 4 == 0 ? bytes.length : region);
                    copy[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : 0xFF);
                }
                readAndDecode(copy);
            }
        });
    }

    @Test
    void nonDicomBytesAreRefusedAsNotDicom() {
        byte[][] inputs = {
            new byte[0],
            "hello, world\n".getBytes(StandardCharsets.US_ASCII),
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1},
            new byte[131],
            dicmOnly(),
        };
        for (byte[] in : inputs) {
            DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.read(in, ReadOptions.DEFAULT),
                    "input of " + in.length + " bytes");
            assertTrue(e.getMessage().startsWith("not a DICOM file") || e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    private static byte[] dicmOnly() {
        byte[] b = new byte[132];
        b[128] = 'D';
        b[129] = 'I';
        b[130] = 'C';
        b[131] = 'M';
        return b;
    }

    @Test
    void aLengthBeyondTheEndIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.file("derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        int at = indexOf(bytes, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0});
        bytes[at + 8] = (byte) 0xF0;
        bytes[at + 9] = (byte) 0xFF;
        bytes[at + 10] = (byte) 0xFF;
        bytes[at + 11] = (byte) 0x3F; // 1 GiB - 16
        byte[] lying = bytes;
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.read(lying, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("declares 1073741808 bytes"), e.getMessage());
        // From a stream the size is unknown: the buffer grows only as bytes arrive.
        DicomFormatException s = assertThrows(DicomFormatException.class,
                () -> DicomReader.read(new ByteArrayInputStream(lying), ReadOptions.DEFAULT));
        assertTrue(s.getMessage().contains("truncated"), s.getMessage());
        // Over the value length limit: refused before reading.
        bytes[at + 11] = (byte) 0x7F;
        DicomLimitException l = assertThrows(DicomLimitException.class, () -> DicomReader.read(lying, ReadOptions.DEFAULT));
        assertTrue(l.getMessage().contains("over the limit"), l.getMessage());
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAllocating() {
        DicomObject ds = image(65535, 65535, 3, 16).putBytes(Tag.PixelData, VR.OW, new byte[16]).build();
        PixelDataException e = assertThrows(PixelDataException.class,
                () -> PixelData.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        DicomObject negative = image(512, 512, 1, 16).putInt(Tag.Rows, VR.US, 0).putBytes(Tag.PixelData, VR.OW, new byte[16]).build();
        assertThrows(PixelDataException.class, () -> PixelData.of(negative, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        DicomObject bits = image(4, 4, 1, 16).putInt(Tag.BitsStored, 17).putBytes(Tag.PixelData, VR.OW, new byte[32]).build();
        assertThrows(PixelDataException.class, () -> PixelData.of(bits, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        DicomObject frames = image(4, 4, 1, 16).putString(Tag.NumberOfFrames, "2000000000")
                .putBytes(Tag.PixelData, VR.OW, new byte[32]).build();
        assertThrows(PixelDataException.class, () -> PixelData.of(frames, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void pixelDataShorterThanDeclared() {
        DicomObject ds = image(64, 64, 1, 16).putBytes(Tag.PixelData, VR.OW, new byte[64 * 64 * 2 - 2]).build();
        PixelDataException e = assertThrows(PixelDataException.class,
                () -> PixelData.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("shorter than declared"), e.getMessage());
    }

    @Test
    void unknownTransferSyntaxReadsTheHeaderButRefusesThePixels() throws IOException {
        TransferSyntax unknown = TransferSyntax.of("1.2.3.4.5.6");
        DicomObject ds = image(2, 2, 1, 8)
                .putFragments(Tag.PixelData, VR.OB, new byte[0], java.util.List.of(new byte[] {1, 2, 3, 4}))
                .build();
        Path f = tmp.resolve("unknown.dcm");
        DicomWriter.write(f, ds, unknown);
        DicomFile read = DicomReader.read(f);
        assertEquals("1.2.3.4.5.6", read.transferSyntax().uid());
        assertEquals(2, read.dataset().getInt(Tag.Rows));
        UnsupportedTransferSyntaxException e = assertThrows(UnsupportedTransferSyntaxException.class,
                () -> PixelData.decodeFrame(read, 0));
        assertEquals("transfer syntax Unknown transfer syntax (1.2.3.4.5.6) is not supported", e.getMessage());
    }

    @Test
    void structuredReportHasNoPixels() throws IOException {
        DicomObject sr = DicomObject.builder()
                .putString(Tag.SOPClassUID, UID.COMPREHENSIVE_SR_STORAGE)
                .putString(Tag.SOPInstanceUID, UID.generate())
                .putString(Tag.Modality, "SR")
                .putString(Tag.ValueType, "CONTAINER")
                .build();
        Path f = tmp.resolve("sr.dcm");
        DicomWriter.write(f, sr, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        NoPixelDataException e = assertThrows(NoPixelDataException.class, () -> PixelData.of(DicomReader.read(f)));
        assertEquals("no Pixel Data (7FE0,0010): not an image (modality SR)", e.getMessage());
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        DicomObject inner = DicomObject.builder().putString(Tag.CodeValue, "x").build();
        for (int i = 0; i < 100; i++) {
            inner = DicomObject.builder().putSequence(Tag.ContentSequence, inner).build();
        }
        DicomObject ds = inner.toBuilder().putString(Tag.SOPInstanceUID, "1.2.3").build();
        for (WriteOptions o : new WriteOptions[] {WriteOptions.DEFAULT, WriteOptions.UNDEFINED_LENGTHS}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DicomWriter.write(out, DicomObject.empty(), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, o);
            DicomLimitException e = assertThrows(DicomLimitException.class,
                    () -> DicomReader.read(out.toByteArray(), ReadOptions.DEFAULT));
            assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
        }
    }

    @Test
    void deflateBombStopsAtTheInflateLimit() throws IOException {
        DicomObject ds = image(4096, 4096, 1, 16).putBytes(Tag.PixelData, VR.OW, new byte[4096 * 4096 * 2]).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.write(out, DicomObject.empty(), ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULT);
        byte[] bomb = out.toByteArray();
        assertTrue(bomb.length < 100_000, "32 MiB of zeros deflate to " + bomb.length + " bytes");
        ReadOptions small = new ReadOptions(false, 1L << 30, 64, 1000, 8L << 20);
        DicomLimitException e = assertThrows(DicomLimitException.class, () -> DicomReader.read(bomb, small));
        assertTrue(e.getMessage().contains("inflates to more than 8388608 bytes"), e.getMessage());
        assertEquals(4096, DicomReader.read(bomb, ReadOptions.DEFAULT).dataset().getInt(Tag.Rows));
    }

    @Test
    void elementCountLimit() throws IOException {
        DicomObject.Builder b = DicomObject.builder();
        for (int i = 0; i < 2000; i++) {
            b.putString(Tag.of(0x0009, 0x1000 + i), VR.LO, "x");
        }
        byte[] bytes = DicomWriter.encodeDataset(b.build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ReadOptions few = new ReadOptions(false, 1L << 30, 64, 1000, 1L << 30);
        assertThrows(DicomLimitException.class,
                () -> DicomReader.readDataset(new ByteArrayInputStream(bytes), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, few));
        assertEquals(2000, DicomReader.readDataset(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).size());
    }

    @Test
    void missingFileIsAPlainIoErrorAndADirectoryIsNotDicom() throws IOException {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> DicomReader.read(tmp.resolve("absent.dcm")));
        assertThrows(DicomFormatException.class, () -> DicomReader.read(tmp));
    }

    static DicomObject.Builder image(int rows, int cols, int spp, int bits) {
        return DicomObject.builder()
                .putString(Tag.SOPClassUID, UID.SECONDARY_CAPTURE_IMAGE_STORAGE)
                .putString(Tag.SOPInstanceUID, UID.generate())
                .putInt(Tag.SamplesPerPixel, spp)
                .putString(Tag.PhotometricInterpretation, spp == 1 ? "MONOCHROME2" : "RGB")
                .putInt(Tag.Rows, rows).putInt(Tag.Columns, cols)
                .putInt(Tag.BitsAllocated, bits).putInt(Tag.BitsStored, bits).putInt(Tag.HighBit, bits - 1)
                .putInt(Tag.PixelRepresentation, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
