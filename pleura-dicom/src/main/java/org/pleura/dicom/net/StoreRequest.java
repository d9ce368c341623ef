package org.pleura.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.TransferSyntax;

/**
 * One object received by C-STORE, handed to a {@link StoreHandler} once its last fragment arrived. The object
 * is complete (a data set cut short by an abort or a lost connection is never handed over) and within the
 * server's maximum object size; its content has not been checked (see {@link #readDataset()}).
 *
 * @param association    who sent it
 * @param messageId      the C-STORE-RQ message id
 * @param priority       0 medium, 1 high, 2 low
 * @param sopClassUid    the Affected SOP Class UID of the command (also the negotiated abstract syntax)
 * @param sopInstanceUid the Affected SOP Instance UID of the command
 * @param transferSyntax the transfer syntax negotiated for the presentation context: how the data set is encoded
 * @param moveOriginator the AE title of the C-MOVE originator, when the store is a C-MOVE sub-operation
 * @param object         the received bytes as a Part 10 file
 */
public record StoreRequest(AssociationInfo association, int messageId, int priority, String sopClassUid,
                           String sopInstanceUid, TransferSyntax transferSyntax, Optional<String> moveOriginator,
                           ReceivedObject object) {

    public StoreRequest {
        Objects.requireNonNull(association);
        Objects.requireNonNull(sopClassUid);
        Objects.requireNonNull(sopInstanceUid);
        Objects.requireNonNull(transferSyntax);
        Objects.requireNonNull(moveOriginator);
        Objects.requireNonNull(object);
    }

    /** The file meta group built for the object: SOP class and instance, transfer syntax, AE titles. */
    public DicomObject fileMeta() {
        return object.fileMeta();
    }

    /** Durably stores the Part 10 file at {@code target}; see {@link ReceivedObject#savePart10(Path)}. */
    public void savePart10(Path target) throws IOException {
        object.savePart10(target);
    }

    /** The Part 10 bytes as a stream. */
    public InputStream openPart10() throws IOException {
        return object.openPart10();
    }

    /**
     * Parses the data set (with the reader's default limits).
     *
     * @throws org.pleura.dicom.DicomException when the bytes are not a valid data set in the transfer syntax
     */
    public DicomObject readDataset() throws IOException {
        try (InputStream in = object.openDataset()) {
            return DicomReader.readDataset(in, transferSyntax);
        }
    }
}
