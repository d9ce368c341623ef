package org.pleura.dicom.net.pdu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The user information item of an A-ASSOCIATE-RQ or -AC (PS3.8 annex D, PS3.7 annex D.3.3). Extended negotiation
 * and user identity sub-items are skipped when decoding: Pleura does not use them.
 *
 * @param maxPduLength              the largest P-DATA-TF PDU (variable field) the sender will receive; 0 means no
 *                                  limit
 * @param implementationClassUid    the sender's implementation class UID
 * @param implementationVersionName the sender's implementation version name, "" when absent
 * @param asyncOperationsWindow     the asynchronous operations window, when negotiated
 * @param roleSelections            SCP/SCU role selection sub-items, possibly none
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
                              Optional<AsyncOperationsWindow> asyncOperationsWindow, List<RoleSelection> roleSelections) {

    public UserInformation {
        if (maxPduLength < 0 || maxPduLength > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("maximum PDU length must fit in 32 unsigned bits: " + maxPduLength);
        }
        Objects.requireNonNull(implementationClassUid);
        Objects.requireNonNull(implementationVersionName);
        Objects.requireNonNull(asyncOperationsWindow);
        roleSelections = List.copyOf(roleSelections);
    }

    /** Only the maximum length and the implementation identification. */
    public UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName) {
        this(maxPduLength, implementationClassUid, implementationVersionName, Optional.empty(), List.of());
    }

    /**
     * The asynchronous operations window sub-item (PS3.7 D.3.3.3).
     *
     * @param maxInvoked   most operations the sender may invoke at once (0 = unlimited)
     * @param maxPerformed most operations the sender will perform at once (0 = unlimited)
     */
    public record AsyncOperationsWindow(int maxInvoked, int maxPerformed) {
    }

    /**
     * An SCP/SCU role selection sub-item (PS3.7 D.3.3.4).
     *
     * @param sopClassUid the SOP class
     * @param scuRole     the sender proposes (or accepts) the SCU role
     * @param scpRole     the sender proposes (or accepts) the SCP role
     */
    public record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) {
        public RoleSelection {
            Objects.requireNonNull(sopClassUid);
        }
    }
}
