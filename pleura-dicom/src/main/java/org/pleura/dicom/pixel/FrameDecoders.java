package org.pleura.dicom.pixel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.pleura.dicom.TransferSyntax;

/**
 * Which {@link FrameDecoder} decodes the frames of each encapsulated transfer syntax. To add a
 * codec, add one {@code map.put} line to {@link #registry()}.
 */
public final class FrameDecoders {

    private static final Map<String, FrameDecoder> DECODERS = registry();

    private FrameDecoders() {
    }

    /** The one place where codecs are registered: transfer syntax UID to decoder. */
    private static Map<String, FrameDecoder> registry() {
        Map<String, FrameDecoder> map = new HashMap<>();
        map.put(TransferSyntax.RLE_LOSSLESS.uid(), new RleDecoder());
        map.put(TransferSyntax.DEFLATED_IMAGE_FRAME.uid(), new DeflatedFrameDecoder());
        map.put(TransferSyntax.ENCAPSULATED_UNCOMPRESSED.uid(), new UncompressedFrameDecoder());
        JpegDecoder jpeg = new JpegDecoder();
        map.put(TransferSyntax.JPEG_BASELINE.uid(), jpeg);
        map.put(TransferSyntax.JPEG_EXTENDED.uid(), jpeg);
        map.put(TransferSyntax.JPEG_LOSSLESS.uid(), jpeg);
        map.put(TransferSyntax.JPEG_LOSSLESS_SV1.uid(), jpeg);
        Jpeg2000Decoder jpeg2000 = new Jpeg2000Decoder();
        map.put(TransferSyntax.JPEG_2000_LOSSLESS.uid(), jpeg2000);
        map.put(TransferSyntax.JPEG_2000.uid(), jpeg2000);
        JpegLsDecoder jpegLs = new JpegLsDecoder();
        map.put(TransferSyntax.JPEG_LS_LOSSLESS.uid(), jpegLs);
        map.put(TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(), jpegLs);
        return Map.copyOf(map);
    }

    /** The decoder for an encapsulated transfer syntax, empty when Pleura has none. */
    public static Optional<FrameDecoder> forTransferSyntax(String uid) {
        return Optional.ofNullable(DECODERS.get(uid));
    }

    /** The decoder for an encapsulated transfer syntax, empty when Pleura has none. */
    public static Optional<FrameDecoder> forTransferSyntax(TransferSyntax ts) {
        return forTransferSyntax(ts.uid());
    }
}
