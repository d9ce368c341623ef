package org.pleura.dicom.pixel;

import org.pleura.dicom.TransferSyntax;

/** Pixel Data is encoded in a transfer syntax for which Pleura has no decoder. */
public class UnsupportedTransferSyntaxException extends PixelDataException {
    private static final long serialVersionUID = 1L;

    public UnsupportedTransferSyntaxException(TransferSyntax ts) {
        super("transfer syntax " + ts.name() + " (" + ts.uid() + ") is not supported");
    }
}
