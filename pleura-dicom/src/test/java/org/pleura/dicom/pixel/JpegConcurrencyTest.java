package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One decoder instance shared by several threads decoding different frames at once gives the same
 * samples as decoding them one after the other (the decoders claim to be stateless).
 */
class JpegConcurrencyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jpeg, derived_transcodes/CRchest440_MONO1_JPEGLosslessSV1.dcm, real_original/fo-dicom/GH195.dcm",
        "j2k, derived_transcodes/CRchest440_MONO1_J2KLossless.dcm, real_original/pydicom-data/US1_J2KI.dcm",
    })
    void sharedDecoderIsThreadSafe(String codec, String first, String second) throws Exception {
        FrameDecoder decoder = codec.equals("jpeg") ? new JpegDecoder() : new Jpeg2000Decoder();
        PixelData a = JpegTestSupport.pixels(JpegTestSupport.corpusFile(first));
        PixelData b = JpegTestSupport.pixels(JpegTestSupport.corpusFile(second));
        byte[] frameA = a.encodedFrame(0);
        byte[] frameB = b.encodedFrame(0);
        int[] expectedA = decoder.decode(frameA, a.format()).samples();
        int[] expectedB = decoder.decode(frameB, b.format()).samples();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean useA = i % 2 == 0;
                results.add(pool.submit(() -> useA ? decoder.decode(frameA, a.format()).samples()
                        : decoder.decode(frameB, b.format()).samples()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(i % 2 == 0 ? expectedA : expectedB, results.get(i).get(120, TimeUnit.SECONDS),
                        "decode " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
