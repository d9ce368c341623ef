package org.pleura.server.dimse;

import java.nio.file.Path;
import java.util.List;
import org.pleura.dicom.net.DicomNode;

/** Sends Part 10 files to a DICOM destination by C-STORE, in one association. */
@FunctionalInterface
public interface ResultSender {

    /** Sends every file; acknowledged only when the destination confirmed each one. Never throws. */
    SendOutcome send(DicomNode destination, List<Path> files);
}
