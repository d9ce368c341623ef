package org.pleura.dicom.pixel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.pleura.dicom.DicomElement;

/**
 * Finds which fragments of encapsulated Pixel Data make up each frame (PS3.5 section A.4): from
 * the Extended Offset Table or the Basic Offset Table when present; otherwise one frame per
 * fragment when the counts match, all fragments for a single frame, or else the fragments that
 * begin with a codestream start marker (JPEG SOI, JPEG 2000 SOC or JP2 signature, or for RLE a
 * 64-byte header: segment count 1-15 then a first offset of 64).
 */
final class EncapsulatedFrames {

    private final DicomElement.Fragments fragments;
    private final int[] firstFragment; // frame i = fragments firstFragment[i] .. firstFragment[i+1]-1

    private EncapsulatedFrames(DicomElement.Fragments fragments, int[] firstFragment) {
        this.fragments = fragments;
        this.firstFragment = firstFragment;
    }

    static EncapsulatedFrames of(DicomElement.Fragments fragments, int frames, long[] extendedOffsets, boolean rle)
            throws PixelDataException {
        int n = fragments.fragmentCount();
        if (n == 0) {
            throw new PixelDataException("encapsulated Pixel Data has no fragment");
        }
        if (frames > n) {
            throw new PixelDataException("encapsulated Pixel Data has " + n + " fragments for " + frames + " frames");
        }
        int[] fromTable = null;
        if (extendedOffsets != null && extendedOffsets.length == frames) {
            fromTable = byOffsets(fragments, extendedOffsets);
        }
        long[] bot = fragments.offsets();
        if (fromTable == null && bot.length == frames && frames > 0) {
            fromTable = byOffsets(fragments, bot);
        }
        if (fromTable != null) {
            return new EncapsulatedFrames(fragments, fromTable);
        }
        if (frames == 1) {
            return new EncapsulatedFrames(fragments, new int[] {0, n});
        }
        if (frames == n) {
            int[] first = new int[n + 1];
            for (int i = 0; i <= n; i++) {
                first[i] = i;
            }
            return new EncapsulatedFrames(fragments, first);
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (startsCodestream(fragments.fragmentBuffer(i), rle)) {
                starts.add(i);
            }
        }
        if (starts.size() != frames || starts.get(0) != 0) {
            throw new PixelDataException("cannot tell the frames apart: " + n + " fragments for " + frames
                    + " frames, no usable offset table, " + starts.size() + " codestream starts");
        }
        int[] first = new int[frames + 1];
        for (int i = 0; i < frames; i++) {
            first[i] = starts.get(i);
        }
        first[frames] = n;
        return new EncapsulatedFrames(fragments, first);
    }

    /** Maps offsets (from the first fragment's item tag) to fragment indexes, or null if they do not fit. */
    private static int[] byOffsets(DicomElement.Fragments fragments, long[] offsets) {
        int n = fragments.fragmentCount();
        int[] first = new int[offsets.length + 1];
        long pos = 0;
        int frag = 0;
        for (int i = 0; i < offsets.length; i++) {
            while (frag < n && pos < offsets[i]) {
                pos += 8L + fragments.fragmentLength(frag);
                frag++;
            }
            if (pos != offsets[i] || frag >= n || (i > 0 && frag <= first[i - 1])) {
                return null;
            }
            first[i] = frag;
        }
        first[offsets.length] = n;
        return first;
    }

    private static boolean startsCodestream(ByteBuffer b, boolean rle) {
        if (rle) {
            ByteBuffer le = b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return le.remaining() >= 64 && le.getInt(0) >= 1 && le.getInt(0) <= 15 && le.getInt(4) == 64;
        }
        if (b.remaining() < 4) {
            return false;
        }
        int b0 = b.get(0) & 0xFF;
        int b1 = b.get(1) & 0xFF;
        int b2 = b.get(2) & 0xFF;
        int b3 = b.get(3) & 0xFF;
        boolean jpeg = b0 == 0xFF && b1 == 0xD8;
        boolean j2k = b0 == 0xFF && b1 == 0x4F && b2 == 0xFF && b3 == 0x51;
        boolean jp2 = b0 == 0 && b1 == 0 && b2 == 0 && b3 == 0x0C;
        return jpeg || j2k || jp2;
    }

    /** The concatenated fragments of frame {@code index}. */
    byte[] frame(int index) throws PixelDataException {
        int from = firstFragment[index];
        int to = firstFragment[index + 1];
        long total = 0;
        for (int i = from; i < to; i++) {
            total += fragments.fragmentLength(i);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new PixelDataException("frame " + index + " is larger than 2 GiB");
        }
        byte[] out = new byte[(int) total];
        int p = 0;
        for (int i = from; i < to; i++) {
            ByteBuffer b = fragments.fragmentBuffer(i);
            int len = b.remaining();
            b.get(out, p, len);
            p += len;
        }
        return out;
    }
}
