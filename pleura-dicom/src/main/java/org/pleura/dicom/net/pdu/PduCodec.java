package org.pleura.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes and decodes PDUs (PS3.8 section 9.3; all fields big endian). Stateless and thread-safe.
 *
 * <p>A PDU on the wire is a 6-byte header (type, reserved, 32-bit length) and a variable field of that length.
 * Whoever reads from the network reads the header, checks the length with {@link #checkLength(int, long, long)}
 * <em>before</em> allocating, reads the variable field, then calls {@link #decode(int, byte[], int, int)}.
 *
 * <pre>{@code
 * byte[] wire = PduCodec.encode(new ReleaseRq());
 * Pdu back = PduCodec.decode(wire[0] & 0xFF, wire, 6, wire.length - 6);
 * }</pre>
 */
public final class PduCodec {

    /** Size of the PDU header: type, reserved byte, 32-bit length. */
    public static final int HEADER_LENGTH = 6;
    /** Largest A-ASSOCIATE-RQ/AC variable field accepted (128 contexts with many syntaxes fit easily). */
    public static final int MAX_ASSOCIATE_LENGTH = 1 << 20;
    /** Size of the P-DATA-TF PDU header plus one PDV item header (length, context id, control header). */
    public static final int PDATA_OVERHEAD = HEADER_LENGTH + 6;

    private static final int ITEM_APPLICATION_CONTEXT = 0x10;
    private static final int ITEM_CONTEXT_RQ = 0x20;
    private static final int ITEM_CONTEXT_AC = 0x21;
    private static final int ITEM_ABSTRACT_SYNTAX = 0x30;
    private static final int ITEM_TRANSFER_SYNTAX = 0x40;
    private static final int ITEM_USER_INFORMATION = 0x50;
    private static final int SUB_MAX_LENGTH = 0x51;
    private static final int SUB_IMPLEMENTATION_CLASS = 0x52;
    private static final int SUB_ASYNC_WINDOW = 0x53;
    private static final int SUB_ROLE_SELECTION = 0x54;
    private static final int SUB_IMPLEMENTATION_VERSION = 0x55;

    private PduCodec() {
    }

    // ------------------------------------------------------------------ length checks

    /**
     * Refuses a PDU whose declared variable-field length is absurd for its type, before anything is allocated.
     *
     * @param type           the PDU type byte
     * @param length         the declared length (unsigned 32-bit)
     * @param maxPDataLength the largest P-DATA-TF variable field accepted
     * @throws PduFormatException for an unknown type or a length beyond the limit for the type
     */
    public static void checkLength(int type, long length, long maxPDataLength) throws PduFormatException {
        switch (type) {
            case 1, 2 -> {
                if (length < 68 || length > MAX_ASSOCIATE_LENGTH) {
                    throw new PduFormatException("A-ASSOCIATE PDU length " + length + " outside 68.."
                            + MAX_ASSOCIATE_LENGTH, Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
                }
            }
            case 3, 5, 6, 7 -> {
                if (length != 4) {
                    throw new PduFormatException("PDU type " + type + " must have length 4, not " + length,
                            Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
                }
            }
            case 4 -> {
                if (length < 6 || length > maxPDataLength) {
                    throw new PduFormatException("P-DATA-TF PDU length " + length + " outside 6.." + maxPDataLength
                            + " (the maximum PDU length this node announced)", Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
                }
            }
            default -> throw new PduFormatException(String.format("unrecognised PDU type 0x%02X (not DICOM?)", type),
                    Abort.REASON_UNRECOGNISED_PDU);
        }
    }

    // ------------------------------------------------------------------ encoding

    /** The full PDU bytes, header included. */
    public static byte[] encode(Pdu pdu) {
        Out body = new Out();
        if (pdu instanceof AssociateRq rq) {
            encodeAssociate(body, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(),
                    rq.applicationContext(), rq.userInformation(), () -> {
                        for (PresentationContextProposal pc : rq.presentationContexts()) {
                            Out item = new Out();
                            item.u8(pc.id()).u8(0).u8(0).u8(0);
                            item.item(ITEM_ABSTRACT_SYNTAX, ascii(pc.abstractSyntax()));
                            for (String ts : pc.transferSyntaxes()) {
                                item.item(ITEM_TRANSFER_SYNTAX, ascii(ts));
                            }
                            body.item(ITEM_CONTEXT_RQ, item.toByteArray());
                        }
                    });
        } else if (pdu instanceof AssociateAc ac) {
            encodeAssociate(body, 1, ac.calledAeTitle(), ac.callingAeTitle(),
                    ac.applicationContext(), ac.userInformation(), () -> {
                        for (PresentationContextResult pc : ac.presentationContexts()) {
                            Out item = new Out();
                            item.u8(pc.id()).u8(0).u8(pc.result()).u8(0);
                            item.item(ITEM_TRANSFER_SYNTAX, ascii(pc.transferSyntax()));
                            body.item(ITEM_CONTEXT_AC, item.toByteArray());
                        }
                    });
        } else if (pdu instanceof AssociateRj rj) {
            body.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
        } else if (pdu instanceof PDataTf p) {
            for (Pdv v : p.values()) {
                body.u32(v.data().length + 2L).u8(v.contextId()).u8(v.controlHeader()).bytes(v.data());
            }
        } else if (pdu instanceof Abort a) {
            body.u8(0).u8(0).u8(a.source()).u8(a.reason());
        } else {
            body.u32(0); // A-RELEASE-RQ, A-RELEASE-RP: four reserved bytes
        }
        byte[] b = body.toByteArray();
        Out all = new Out();
        all.u8(pdu.type()).u8(0).u32(b.length).bytes(b);
        return all.toByteArray();
    }

    /**
     * Writes into {@code buf[0..PDATA_OVERHEAD)} the header of a P-DATA-TF PDU holding one PDV of
     * {@code dataLength} bytes, so that the data can follow at offset {@link #PDATA_OVERHEAD} without copying the
     * PDU twice.
     */
    public static void writePDataHeader(byte[] buf, int contextId, boolean command, boolean last, int dataLength) {
        long pduLength = dataLength + 6L;
        buf[0] = 4;
        buf[1] = 0;
        putU32(buf, 2, pduLength);
        putU32(buf, 6, dataLength + 2L);
        buf[10] = (byte) contextId;
        buf[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
    }

    private interface Items {
        void write();
    }

    private static void encodeAssociate(Out body, int version, String called, String calling, String appContext,
                                        UserInformation ui, Items contexts) {
        body.u16(version).u16(0).bytes(aeTitle(called)).bytes(aeTitle(calling)).bytes(new byte[32]);
        body.item(ITEM_APPLICATION_CONTEXT, ascii(appContext));
        contexts.write();
        Out u = new Out();
        u.item(SUB_MAX_LENGTH, new Out().u32(ui.maxPduLength()).toByteArray());
        u.item(SUB_IMPLEMENTATION_CLASS, ascii(ui.implementationClassUid()));
        ui.asyncOperationsWindow().ifPresent(w ->
                u.item(SUB_ASYNC_WINDOW, new Out().u16(w.maxInvoked()).u16(w.maxPerformed()).toByteArray()));
        for (UserInformation.RoleSelection r : ui.roleSelections()) {
            byte[] uid = ascii(r.sopClassUid());
            u.item(SUB_ROLE_SELECTION, new Out().u16(uid.length).bytes(uid).u8(r.scuRole() ? 1 : 0)
                    .u8(r.scpRole() ? 1 : 0).toByteArray());
        }
        if (!ui.implementationVersionName().isEmpty()) {
            u.item(SUB_IMPLEMENTATION_VERSION, ascii(ui.implementationVersionName()));
        }
        body.item(ITEM_USER_INFORMATION, u.toByteArray());
    }

    private static byte[] aeTitle(String ae) {
        byte[] out = new byte[16];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] a = ascii(ae);
        if (a.length > 16) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + ae);
        }
        System.arraycopy(a, 0, out, 0, a.length);
        return out;
    }

    private static byte[] ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7E || s.charAt(i) < 0x20) {
                throw new IllegalArgumentException("not printable ASCII: " + s);
            }
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes the variable field of a PDU.
     *
     * @param type   the PDU type byte from the header
     * @param buf    bytes holding the variable field
     * @param offset where the variable field starts in {@code buf}
     * @param length the variable field's length (already checked with {@link #checkLength})
     * @throws PduFormatException when the bytes are not a valid PDU of that type
     */
    public static Pdu decode(int type, byte[] buf, int offset, int length) throws PduFormatException {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("range outside the buffer");
        }
        In in = new In(buf, offset, offset + length);
        return switch (type) {
            case 1 -> decodeRq(in);
            case 2 -> decodeAc(in);
            case 3 -> {
                in.need(4, "A-ASSOCIATE-RJ");
                in.skip(1);
                yield new AssociateRj(in.u8(), in.u8(), in.u8());
            }
            case 4 -> decodePData(in);
            case 5 -> {
                in.need(4, "A-RELEASE-RQ");
                yield new ReleaseRq();
            }
            case 6 -> {
                in.need(4, "A-RELEASE-RP");
                yield new ReleaseRp();
            }
            case 7 -> {
                in.need(4, "A-ABORT");
                in.skip(2);
                yield new Abort(in.u8(), in.u8());
            }
            default -> throw new PduFormatException(String.format("unrecognised PDU type 0x%02X", type),
                    Abort.REASON_UNRECOGNISED_PDU);
        };
    }

    private static PDataTf decodePData(In in) throws PduFormatException {
        List<Pdv> values = new ArrayList<>(1);
        while (in.remaining() > 0) {
            in.need(4, "PDV item length");
            long len = in.u32();
            if (len < 2 || len > in.remaining()) {
                throw new PduFormatException("PDV item length " + len + " outside 2.." + in.remaining(),
                        Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            int contextId = in.u8();
            int header = in.u8();
            if (contextId == 0 || (contextId & 1) == 0) {
                throw new PduFormatException("PDV with invalid presentation context id " + contextId,
                        Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
            byte[] data = in.bytes((int) len - 2);
            values.add(new Pdv(contextId, (header & 1) != 0, (header & 2) != 0, data));
        }
        if (values.isEmpty()) {
            throw new PduFormatException("P-DATA-TF without any PDV", Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        return new PDataTf(values);
    }

    private record Fixed(int version, String called, String calling) {
    }

    private static Fixed fixedFields(In in, String what) throws PduFormatException {
        in.need(68, what);
        int version = in.u16();
        in.skip(2);
        String called = trimmedAscii(in.bytes(16));
        String calling = trimmedAscii(in.bytes(16));
        in.skip(32);
        return new Fixed(version, called, calling);
    }

    private static AssociateRq decodeRq(In in) throws PduFormatException {
        Fixed f = fixedFields(in, "A-ASSOCIATE-RQ");
        String appContext = null;
        List<PresentationContextProposal> contexts = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        UserInformation ui = null;
        while (in.remaining() > 0) {
            int itemType = in.u8();
            In item = in.item("A-ASSOCIATE-RQ item");
            switch (itemType) {
                case ITEM_APPLICATION_CONTEXT -> appContext = uid(item.rest());
                case ITEM_CONTEXT_RQ -> {
                    PresentationContextProposal pc = decodeProposal(item);
                    if (!ids.add(pc.id())) {
                        throw new PduFormatException("presentation context id " + pc.id() + " proposed twice",
                                Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
                    }
                    contexts.add(pc);
                }
                case ITEM_USER_INFORMATION -> ui = decodeUserInformation(item);
                default -> {
                    // unknown items are skipped (PS3.8 9.3.1: reserved items are ignored)
                }
            }
        }
        if (appContext == null) {
            throw new PduFormatException("A-ASSOCIATE-RQ without application context item",
                    Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        if (contexts.isEmpty()) {
            throw new PduFormatException("A-ASSOCIATE-RQ without any presentation context",
                    Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        return new AssociateRq(f.version(), f.called(), f.calling(), appContext, contexts,
                ui != null ? ui : new UserInformation(0, "", ""));
    }

    private static AssociateAc decodeAc(In in) throws PduFormatException {
        Fixed f = fixedFields(in, "A-ASSOCIATE-AC");
        String appContext = AssociateRq.DICOM_APPLICATION_CONTEXT;
        List<PresentationContextResult> contexts = new ArrayList<>();
        UserInformation ui = null;
        while (in.remaining() > 0) {
            int itemType = in.u8();
            In item = in.item("A-ASSOCIATE-AC item");
            switch (itemType) {
                case ITEM_APPLICATION_CONTEXT -> appContext = uid(item.rest());
                case ITEM_CONTEXT_AC -> {
                    item.need(4, "presentation context item");
                    int id = item.u8();
                    item.skip(1);
                    int result = item.u8();
                    item.skip(1);
                    String ts = "";
                    while (item.remaining() > 0) {
                        int sub = item.u8();
                        In s = item.item("transfer syntax sub-item");
                        if (sub == ITEM_TRANSFER_SYNTAX) {
                            ts = uid(s.rest());
                        }
                    }
                    if (id < 1 || id > 255) {
                        throw new PduFormatException("presentation context id " + id + " out of range",
                                Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
                    }
                    contexts.add(new PresentationContextResult(id, result, ts));
                }
                case ITEM_USER_INFORMATION -> ui = decodeUserInformation(item);
                default -> {
                }
            }
        }
        return new AssociateAc(f.called(), f.calling(), appContext, contexts,
                ui != null ? ui : new UserInformation(0, "", ""));
    }

    private static PresentationContextProposal decodeProposal(In item) throws PduFormatException {
        item.need(4, "presentation context item");
        int id = item.u8();
        item.skip(3);
        String abstractSyntax = null;
        List<String> tss = new ArrayList<>();
        while (item.remaining() > 0) {
            int sub = item.u8();
            In s = item.item("presentation context sub-item");
            if (sub == ITEM_ABSTRACT_SYNTAX) {
                abstractSyntax = uid(s.rest());
            } else if (sub == ITEM_TRANSFER_SYNTAX) {
                tss.add(uid(s.rest()));
            }
        }
        if (id < 1 || (id & 1) == 0) {
            throw new PduFormatException("presentation context id " + id + " is not odd",
                    Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        if (abstractSyntax == null || tss.isEmpty()) {
            throw new PduFormatException("presentation context " + id + " without abstract or transfer syntax",
                    Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        return new PresentationContextProposal(id, abstractSyntax, tss);
    }

    private static UserInformation decodeUserInformation(In in) throws PduFormatException {
        long maxLength = 0;
        String implClass = "";
        String implVersion = "";
        Optional<UserInformation.AsyncOperationsWindow> window = Optional.empty();
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        while (in.remaining() > 0) {
            int sub = in.u8();
            In s = in.item("user information sub-item");
            switch (sub) {
                case SUB_MAX_LENGTH -> {
                    s.need(4, "maximum length sub-item");
                    maxLength = s.u32();
                }
                case SUB_IMPLEMENTATION_CLASS -> implClass = uid(s.rest());
                case SUB_IMPLEMENTATION_VERSION -> implVersion = trimmedAscii(s.rest());
                case SUB_ASYNC_WINDOW -> {
                    s.need(4, "asynchronous operations window sub-item");
                    window = Optional.of(new UserInformation.AsyncOperationsWindow(s.u16(), s.u16()));
                }
                case SUB_ROLE_SELECTION -> {
                    s.need(2, "role selection sub-item");
                    int uidLength = s.u16();
                    s.need(uidLength + 2, "role selection sub-item");
                    String uid = uid(s.bytes(uidLength));
                    roles.add(new UserInformation.RoleSelection(uid, s.u8() == 1, s.u8() == 1));
                }
                default -> {
                    // extended negotiation, user identity: not used by Pleura
                }
            }
        }
        return new UserInformation(maxLength, implClass, implVersion, window, roles);
    }

    private static String uid(byte[] b) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1).strip();
    }

    private static String trimmedAscii(byte[] b) {
        return uid(b);
    }

    private static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** Big-endian reader over a slice, every read bounds-checked. */
    private static final class In {
        private final byte[] b;
        private int pos;
        private final int end;

        In(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        void need(int n, String what) throws PduFormatException {
            if (remaining() < n) {
                throw new PduFormatException(what + " truncated: needs " + n + " bytes, " + remaining() + " left",
                        Abort.REASON_INVALID_PDU_PARAMETER_VALUE);
            }
        }

        int u8() throws PduFormatException {
            need(1, "field");
            return b[pos++] & 0xFF;
        }

        int u16() throws PduFormatException {
            need(2, "field");
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32() throws PduFormatException {
            need(4, "field");
            long v = ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
                    | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        void skip(int n) throws PduFormatException {
            need(n, "field");
            pos += n;
        }

        byte[] bytes(int n) throws PduFormatException {
            need(n, "value");
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] rest() {
            byte[] out = java.util.Arrays.copyOfRange(b, pos, end);
            pos = end;
            return out;
        }

        /** Reads the reserved byte and 16-bit length of an item whose type was just read; returns its content. */
        In item(String what) throws PduFormatException {
            need(3, what);
            pos++;
            int len = u16();
            need(len, what);
            In item = new In(b, pos, pos + len);
            pos += len;
            return item;
        }
    }

    /** Big-endian writer. */
    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Out u8(int v) {
            out.write(v);
            return this;
        }

        Out u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Out u32(long v) {
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        Out bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Out item(int type, byte[] content) {
            if (content.length > 0xFFFF) {
                throw new IllegalArgumentException("item longer than 65535 bytes");
            }
            return u8(type).u8(0).u16(content.length).bytes(content);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
