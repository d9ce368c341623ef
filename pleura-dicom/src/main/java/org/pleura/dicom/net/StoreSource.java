package org.pleura.dicom.net;

import java.nio.file.Path;
import java.util.Objects;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.TransferSyntax;

/** Something to send by C-STORE: a Part 10 file, or a data set in memory. */
public sealed interface StoreSource permits StoreSource.Part10File, StoreSource.InMemory {

    /** A Part 10 file, sent in its own transfer syntax when the peer accepts it, its bytes unchanged. */
    static StoreSource file(Path path) {
        return new Part10File(path);
    }

    /**
     * A data set in memory, to be encoded in {@code transferSyntax}: the syntax its Pixel Data is in when
     * encapsulated, any native syntax otherwise (e.g. explicit VR little endian).
     */
    static StoreSource object(DicomObject dataset, TransferSyntax transferSyntax) {
        return new InMemory(dataset, transferSyntax);
    }

    /** A short name for messages: the file name, or "SOP class name in memory". */
    String describe();

    /** @param path the file */
    record Part10File(Path path) implements StoreSource {
        public Part10File {
            Objects.requireNonNull(path);
        }

        @Override
        public String describe() {
            return String.valueOf(path.getFileName());
        }
    }

    /**
     * @param dataset        the data set (a file meta group in it is ignored)
     * @param transferSyntax the syntax to send it in
     */
    record InMemory(DicomObject dataset, TransferSyntax transferSyntax) implements StoreSource {
        public InMemory {
            Objects.requireNonNull(dataset);
            Objects.requireNonNull(transferSyntax);
        }

        @Override
        public String describe() {
            return "data set in memory (" + transferSyntax.name() + ")";
        }
    }
}
