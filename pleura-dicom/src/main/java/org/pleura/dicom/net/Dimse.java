package org.pleura.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.VR;

/**
 * DIMSE command sets (PS3.7 section 9 and annex E): building the C-ECHO and C-STORE requests and responses,
 * encoding them in implicit VR little endian with their group length, and sending commands and data sets as
 * P-DATA fragments no larger than the peer accepts.
 */
final class Dimse {

    static final int C_STORE_RQ = 0x0001;
    static final int C_STORE_RSP = 0x8001;
    static final int C_ECHO_RQ = 0x0030;
    static final int C_ECHO_RSP = 0x8030;
    /** Command Data Set Type value meaning "no data set follows". */
    static final int NO_DATA_SET = 0x0101;
    /** Command Data Set Type value meaning "a data set follows" (any other value also does). */
    static final int DATA_SET_PRESENT = 0x0000;
    /** Largest command set accepted (commands are a few hundred bytes). */
    static final int MAX_COMMAND_LENGTH = 1 << 16;
    /** Priority MEDIUM. */
    static final int PRIORITY_MEDIUM = 0;

    private static final TransferSyntax COMMAND_TS = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;

    private Dimse() {
    }

    static DicomObject echoRq(int messageId) {
        return base(C_ECHO_RQ, NO_DATA_SET).putString(Tag.AffectedSOPClassUID, VR.UI, SopClasses.VERIFICATION)
                .putInt(Tag.MessageID, VR.US, messageId).build();
    }

    static DicomObject echoRsp(int respondingTo, DimseStatus status) {
        DicomObject.Builder b = base(C_ECHO_RSP, NO_DATA_SET)
                .putString(Tag.AffectedSOPClassUID, VR.UI, SopClasses.VERIFICATION)
                .putInt(Tag.MessageIDBeingRespondedTo, VR.US, respondingTo);
        return withStatus(b, status).build();
    }

    static DicomObject storeRq(int messageId, String sopClass, String sopInstance, int priority) {
        return base(C_STORE_RQ, DATA_SET_PRESENT).putString(Tag.AffectedSOPClassUID, VR.UI, sopClass)
                .putInt(Tag.MessageID, VR.US, messageId).putInt(Tag.Priority, VR.US, priority)
                .putString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance).build();
    }

    static DicomObject storeRsp(int respondingTo, String sopClass, String sopInstance, DimseStatus status) {
        DicomObject.Builder b = base(C_STORE_RSP, NO_DATA_SET).putInt(Tag.MessageIDBeingRespondedTo, VR.US, respondingTo);
        if (!sopClass.isEmpty()) {
            b.putString(Tag.AffectedSOPClassUID, VR.UI, sopClass);
        }
        if (!sopInstance.isEmpty()) {
            b.putString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance);
        }
        return withStatus(b, status).build();
    }

    /** A failure response to a request this node does not perform: its command field with bit 15 set. */
    static DicomObject failureRsp(int requestField, int respondingTo, String sopClass, DimseStatus status) {
        DicomObject.Builder b = base(requestField | 0x8000, NO_DATA_SET)
                .putInt(Tag.MessageIDBeingRespondedTo, VR.US, respondingTo);
        if (!sopClass.isEmpty()) {
            b.putString(Tag.AffectedSOPClassUID, VR.UI, sopClass);
        }
        return withStatus(b, status).build();
    }

    private static DicomObject.Builder base(int commandField, int dataSetType) {
        return DicomObject.builder().putInt(Tag.CommandGroupLength, VR.UL, 0)
                .putInt(Tag.CommandField, VR.US, commandField).putInt(Tag.CommandDataSetType, VR.US, dataSetType);
    }

    private static DicomObject.Builder withStatus(DicomObject.Builder b, DimseStatus status) {
        b.putInt(Tag.Status, VR.US, status.code());
        if (!status.errorComment().isEmpty() && !status.isSuccess()) {
            b.putString(Tag.ErrorComment, VR.LO, asCommentText(status.errorComment()));
        }
        return b;
    }

    /** An error comment as LO allows: default repertoire, no backslash, at most 64 characters. */
    static String asCommentText(String s) {
        StringBuilder sb = new StringBuilder(Math.min(64, s.length()));
        for (int i = 0; i < s.length() && sb.length() < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F && c != '\\' ? c : c == '\\' ? '/' : '?');
        }
        return sb.toString().strip();
    }

    static int commandField(DicomObject command) throws DicomException {
        return command.getInt(Tag.CommandField);
    }

    static boolean hasDataSet(DicomObject command) throws DicomException {
        return command.getInt(Tag.CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
    }

    static DimseStatus status(DicomObject response) throws DicomException {
        return DimseStatus.of(response.getInt(Tag.Status), response.getString(Tag.ErrorComment, ""));
    }

    static byte[] encode(DicomObject command) throws DicomException {
        return DicomWriter.encodeDataset(command, COMMAND_TS);
    }

    static DicomObject decode(byte[] bytes) throws DicomException {
        return DicomReader.readDataset(bytes, COMMAND_TS);
    }

    static String name(int commandField) {
        return switch (commandField) {
            case C_STORE_RQ -> "C-STORE-RQ";
            case C_STORE_RSP -> "C-STORE-RSP";
            case C_ECHO_RQ -> "C-ECHO-RQ";
            case C_ECHO_RSP -> "C-ECHO-RSP";
            case 0x0020 -> "C-FIND-RQ";
            case 0x0010 -> "C-GET-RQ";
            case 0x0021 -> "C-MOVE-RQ";
            case 0x0FFF -> "C-CANCEL-RQ";
            default -> String.format("command 0x%04X", commandField);
        };
    }

    /** The largest PDV fragment to send to a peer that announced {@code peerMax} (0 = unlimited), even-sized. */
    static int maxFragment(long peerMax, int localCap) {
        long pdu = peerMax <= 0 ? localCap : Math.min(peerMax, localCap);
        long fragment = (pdu - 6) & ~1L;
        return (int) Math.max(2, fragment);
    }

    /** Sends a command set as one or more command PDVs. */
    static void sendCommand(PduChannel channel, int contextId, DicomObject command, int maxFragment)
            throws IOException {
        byte[] bytes = encode(command);
        sendBytes(channel, contextId, true, bytes, maxFragment);
    }

    /** Sends a data set held in memory as data PDVs. */
    static void sendBytes(PduChannel channel, int contextId, boolean command, byte[] bytes, int maxFragment)
            throws IOException {
        byte[] buf = channel.pdataBuffer(maxFragment);
        int off = 0;
        do {
            int n = Math.min(maxFragment, bytes.length - off);
            System.arraycopy(bytes, off, buf, org.pleura.dicom.net.pdu.PduCodec.PDATA_OVERHEAD, n);
            off += n;
            channel.sendPData(contextId, command, off == bytes.length, n);
        } while (off < bytes.length);
    }

    /** Sends a data set read from a stream (exactly {@code length} bytes) as data PDVs. */
    static void sendStream(PduChannel channel, int contextId, InputStream data, long length, int maxFragment)
            throws IOException {
        byte[] buf = channel.pdataBuffer(maxFragment);
        int header = org.pleura.dicom.net.pdu.PduCodec.PDATA_OVERHEAD;
        long sent = 0;
        do {
            int want = (int) Math.min(maxFragment, length - sent);
            int got = data.readNBytes(buf, header, want);
            if (got < want) {
                throw new IOException("the data set ended after " + (sent + got) + " of " + length + " bytes");
            }
            sent += got;
            channel.sendPData(contextId, false, sent == length, got);
        } while (sent < length);
    }

}
