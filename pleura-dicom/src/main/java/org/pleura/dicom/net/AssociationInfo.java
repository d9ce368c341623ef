package org.pleura.dicom.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Who is on the other side of an accepted association.
 *
 * @param id                        a number for logs, unique within the server's lifetime
 * @param callingAeTitle            the peer's AE title
 * @param calledAeTitle             the AE title the peer called (this node's)
 * @param remoteAddress             the peer's address and port
 * @param implementationClassUid    the peer's implementation class UID
 * @param implementationVersionName the peer's implementation version name, "" when not sent
 */
public record AssociationInfo(long id, String callingAeTitle, String calledAeTitle, InetSocketAddress remoteAddress,
                              String implementationClassUid, String implementationVersionName) {

    public AssociationInfo {
        Objects.requireNonNull(callingAeTitle);
        Objects.requireNonNull(calledAeTitle);
        Objects.requireNonNull(remoteAddress);
        Objects.requireNonNull(implementationClassUid);
        Objects.requireNonNull(implementationVersionName);
    }

    /** E.g. "#12 MODALITY1@10.0.0.7:50212 -> PLEURA". */
    @Override
    public String toString() {
        return "#" + id + " " + callingAeTitle + "@" + remoteAddress.getAddress().getHostAddress() + ":"
                + remoteAddress.getPort() + " -> " + calledAeTitle;
    }
}
