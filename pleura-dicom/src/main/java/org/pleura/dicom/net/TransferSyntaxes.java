package org.pleura.dicom.net;

import java.util.ArrayList;
import java.util.List;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.pixel.FrameDecoders;

/** Which transfer syntaxes the DICOM node accepts: the ones whose pixels Pleura can decode. */
public final class TransferSyntaxes {

    /** The four native syntaxes, the natural fallback of every proposal. */
    public static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    private TransferSyntaxes() {
    }

    /**
     * The native syntaxes and every encapsulated syntax with a registered {@link FrameDecoders frame decoder}
     * (RLE, JPEG baseline/extended/lossless/SV1, JPEG-LS, JPEG 2000, ... as codecs are added).
     */
    public static List<TransferSyntax> decodable() {
        List<TransferSyntax> out = new ArrayList<>(NATIVE);
        for (TransferSyntax ts : TransferSyntax.all()) {
            if (ts.encapsulated() && FrameDecoders.forTransferSyntax(ts).isPresent()) {
                out.add(ts);
            }
        }
        return List.copyOf(out);
    }
}
