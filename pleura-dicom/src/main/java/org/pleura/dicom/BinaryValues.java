package org.pleura.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Conversions between little-endian binary values and Java numbers, by VR. */
final class BinaryValues {

    private BinaryValues() {
    }

    static long[] toLongs(DicomElement.Binary b, int max) throws DicomAttributeException {
        VR vr = b.vr();
        ByteBuffer buf = b.buffer();
        if (vr == VR.AT) { // (group, element) pairs: 4 bytes per value
            long[] at = new long[Math.min(max, b.length() / 4)];
            for (int i = 0; i < at.length; i++) {
                at[i] = ((long) (buf.getShort(i * 4) & 0xFFFF) << 16) | (buf.getShort(i * 4 + 2) & 0xFFFF);
            }
            return at;
        }
        int unit = Math.max(1, vr.unitSize());
        int n = Math.min(max, b.length() / unit);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int p = i * unit;
            out[i] = switch (vr) {
                case US, OW -> buf.getShort(p) & 0xFFFF;
                case SS -> buf.getShort(p);
                case UL, OL -> buf.getInt(p) & 0xFFFFFFFFL;
                case SL -> buf.getInt(p);
                case SV, OV -> buf.getLong(p);
                case UV -> {
                    long v = buf.getLong(p);
                    if (v < 0) {
                        throw new DicomAttributeException(b.tag(), "value " + Long.toUnsignedString(v)
                                + " does not fit in a signed 64-bit integer");
                    }
                    yield v;
                }
                case OB, UN -> buf.get(p) & 0xFF;
                case FL, OF -> integral(b, buf.getFloat(p));
                case FD, OD -> integral(b, buf.getDouble(p));
                default -> throw new DicomAttributeException(b.tag(), "has VR " + vr + ", not a number");
            };
        }
        return out;
    }

    private static long integral(DicomElement.Binary b, double d) throws DicomAttributeException {
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 9.0e18) {
            throw new DicomAttributeException(b.tag(), "value " + d + " is not an integer");
        }
        return (long) d;
    }

    static double[] toDoubles(DicomElement.Binary b, int max) throws DicomAttributeException {
        VR vr = b.vr();
        ByteBuffer buf = b.buffer();
        if (vr == VR.FL || vr == VR.OF) {
            int n = Math.min(max, b.length() / 4);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = buf.getFloat(i * 4);
            }
            return out;
        }
        if (vr == VR.FD || vr == VR.OD) {
            int n = Math.min(max, b.length() / 8);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = buf.getDouble(i * 8);
            }
            return out;
        }
        long[] l = toLongs(b, max);
        double[] out = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[i];
        }
        return out;
    }

    static List<String> toStrings(DicomElement.Binary b) {
        VR vr = b.vr();
        List<String> out = new ArrayList<>();
        try {
            strings(b, vr, out);
        } catch (DicomAttributeException e) {
            // a UV beyond 2^63 has no long: shown unsigned below
        }
        return out;
    }

    private static void strings(DicomElement.Binary b, VR vr, List<String> out) throws DicomAttributeException {
        switch (vr) {
            case FL, FD, OF, OD -> {
                for (double d : toDoubles(b, Integer.MAX_VALUE)) {
                    out.add(vr == VR.FL || vr == VR.OF ? Float.toString((float) d) : Double.toString(d));
                }
            }
            case AT -> {
                for (long l : toLongs(b, Integer.MAX_VALUE)) {
                    out.add(Tag.of((int) l).toString());
                }
            }
            case UV -> {
                ByteBuffer buf = b.buffer();
                for (int i = 0; i + 8 <= b.length(); i += 8) {
                    out.add(Long.toUnsignedString(buf.getLong(i)));
                }
            }
            default -> {
                for (long l : toLongs(b, Integer.MAX_VALUE)) {
                    out.add(Long.toString(l));
                }
            }
        }
    }

    static byte[] fromLongs(Tag tag, VR vr, long[] values) {
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        if (!vr.isBinary() || unit == 0) {
            throw new IllegalArgumentException(vr + " cannot hold integers (" + tag + ")");
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (vr) {
                case US, SS, OW -> buf.putShort((short) v);
                case UL, SL, OL -> buf.putInt((int) v);
                case SV, UV, OV -> buf.putLong(v);
                case OB, UN -> buf.put((byte) v);
                case AT -> buf.putShort((short) (v >>> 16)).putShort((short) v);
                default -> throw new IllegalArgumentException(vr + " cannot hold integers (" + tag + ")");
            }
        }
        return buf.array();
    }

    static byte[] fromDoubles(Tag tag, VR vr, double[] values) {
        ByteBuffer buf;
        if (vr == VR.FL || vr == VR.OF) {
            buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                buf.putFloat((float) v);
            }
        } else if (vr == VR.FD || vr == VR.OD) {
            buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                buf.putDouble(v);
            }
        } else {
            throw new IllegalArgumentException(vr + " cannot hold decimal numbers (" + tag + ")");
        }
        return buf.array();
    }
}
