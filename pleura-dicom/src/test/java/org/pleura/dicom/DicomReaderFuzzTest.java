package org.pleura.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.pleura.dicom.pixel.PixelData;

/**
 * Fuzzes the reader, the dump and native/RLE/deflated pixel decoding: any input must either read
 * or fail with a {@link DicomException}; any other exception (or an error) is a finding.
 *
 * <p>In the normal test run Jazzer runs in regression mode: only the seeds in {@code
 * src/test/resources/org/pleura/dicom/DicomReaderFuzzTestInputs/readDumpAndDecode} (small
 * synthetic files in every encoding) are replayed, deterministically. Fuzzing proper:
 * {@code JAZZER_FUZZ=1 mvn -pl pleura-dicom test -Dtest=DicomReaderFuzzTest} (see
 * docs/benchmarks.md for a long run's numbers).
 */
class DicomReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void readDumpAndDecode(byte[] input) throws IOException {
        boolean asStream = input.length > 0 && (input[input.length - 1] & 1) == 1;
        DicomFile file;
        try {
            file = asStream ? DicomReader.read(new ByteArrayInputStream(input), ReadOptions.DEFAULT)
                    : DicomReader.read(input, ReadOptions.DEFAULT);
        } catch (DicomException expected) {
            requireMessage(expected);
            return;
        }
        DicomDump.format(file);
        try {
            PixelData pixels = PixelData.of(file);
            if (pixels.format().sampleCount() <= 1 << 22) {
                for (int i = 0; i < Math.min(2, pixels.frameCount()); i++) {
                    pixels.decodeFrame(i);
                }
            }
        } catch (DicomException expected) {
            requireMessage(expected);
        }
        // What was read can be written again.
        try {
            DicomWriter.encodeDataset(file.dataset(), file.transferSyntax().deflated()
                    ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : file.transferSyntax());
        } catch (DicomException expected) {
            requireMessage(expected);
        }
    }

    private static void requireMessage(DicomException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new IllegalStateException("DicomException without a message", e);
        }
        // PixelData turns a decoder's unchecked exception into a PixelDataException (the user sees a
        // clean message), but for the fuzzer it is a bug in the decoder.
        if (e.getCause() instanceof RuntimeException || e.getCause() instanceof Error) {
            throw new IllegalStateException("unchecked exception inside a decoder", e);
        }
    }
}
