package org.pleura.dicom.pixel;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link JpegLsDecoder}: any codestream must decode or fail with a {@link
 * PixelDataException} carrying a message, never another exception (nor one caught by the
 * decoder's safety net), never a hang. The frame format is taken from the codestream's own SOF55
 * header when it is small (at most 64K samples), so mutations reach the scan decoder instead of
 * stopping at the size check.
 *
 * <p>In the normal test run Jazzer replays the seeds in {@code
 * src/test/resources/org/pleura/dicom/pixel/JpegLsDecoderFuzzTestInputs/decode} (small codestreams
 * of real chest pixels in every mode: ILV 0/1/2, near-lossless, restart markers, 2- and 16-bit,
 * custom LSE; written by {@link JpegLsFuzzSeeds}), deterministically. Fuzzing proper:
 * {@code JAZZER_FUZZ=1 mvn -pl pleura-dicom test -Dtest=JpegLsDecoderFuzzTest}.
 */
class JpegLsDecoderFuzzTest {

    private static final JpegLsDecoder DECODER = new JpegLsDecoder();

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] input) {
        FrameFormat format = formatOf(input);
        try {
            DecodedFrame frame = DECODER.decode(input, format);
            if (frame.samples().length != format.sampleCount()) {
                throw new IllegalStateException("decoded " + frame.samples().length + " samples for " + format);
            }
        } catch (PixelDataException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new IllegalStateException("PixelDataException without a message", e);
            }
            if (e.getCause() instanceof RuntimeException || e.getCause() instanceof Error) {
                throw new IllegalStateException("unchecked exception inside the decoder", e);
            }
        }
    }

    /** Rows, columns and components of the first SOF55 segment when plausible, else 8 x 8 x 1. */
    private static FrameFormat formatOf(byte[] cs) {
        for (int i = 0; i + 9 < cs.length; i++) {
            if (cs[i] == (byte) 0xFF && cs[i + 1] == (byte) 0xF7) {
                int rows = ((cs[i + 5] & 0xFF) << 8) | (cs[i + 6] & 0xFF);
                int columns = ((cs[i + 7] & 0xFF) << 8) | (cs[i + 8] & 0xFF);
                int components = cs[i + 9] & 0xFF;
                if (rows > 0 && columns > 0 && components > 0 && (long) rows * columns * components <= 1 << 16) {
                    return new FrameFormat(rows, columns, components, 16, 16, false, "MONOCHROME2", 0);
                }
                break;
            }
        }
        return new FrameFormat(8, 8, 1, 8, 8, false, "MONOCHROME2", 0);
    }
}
