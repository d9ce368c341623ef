package org.pleura.dicom.pixel;

import java.util.BitSet;

/**
 * Checks a JPEG 2000 codestream (ISO/IEC 15444-1 annex A) before it is handed to the decoding
 * library: finds the codestream (a raw J2K stream, or the contiguous codestream box of a JP2
 * file), reads the image and tile size (SIZ), refuses what the DICOM header does not declare or the
 * library would mishandle, and walks the tile-parts by their lengths so that a truncated stream is
 * refused instead of silently decoded at reduced quality.
 *
 * @param start      offset of the SOC marker
 * @param end        offset just past the codestream
 * @param rows       image height
 * @param columns    image width
 * @param components number of components (Csiz)
 * @param precision  largest component precision in bits
 * @param signed     whether any component is signed
 * @param irreversibleColour the whole image uses the irreversible component transform (ICT: 9/7
 *                   wavelet and multiple component transform on the first three components, all
 *                   unsigned with the same precision), set only when no tile changes the coding
 */
record Jpeg2000Codestream(int start, int end, int rows, int columns, int components, int precision,
                          boolean signed, boolean irreversibleColour) {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int SOT = 0xFF90;
    private static final int SOD = 0xFF93;
    private static final int COD = 0xFF52;
    private static final int COC = 0xFF53;
    private static final int EOC = 0xFFD9;
    /** Most tiles a codestream can index (Isot is 16 bits). */
    private static final int MAX_TILES = 65535;

    static Jpeg2000Codestream check(byte[] data, FrameFormat format) throws PixelDataException {
        int start = 0;
        int end = data.length;
        if (end >= 12 && u32(data, 0) == 12 && u32(data, 4) == 0x6A502020L) {
            int[] box = findContiguousCodestreamBox(data);
            start = box[0];
            end = box[1];
        }
        if (end - start < 4 || u16(data, start) != SOC || u16(data, start + 2) != SIZ) {
            throw new PixelDataException("not a JPEG 2000 codestream: it does not start with the SOC and SIZ markers");
        }
        int p = start + 4;
        if (p + 2 > end) {
            throw truncated(p);
        }
        int lsiz = u16(data, p);
        if (p + lsiz > end || lsiz < 41) {
            throw truncated(p);
        }
        long xsiz = u32(data, p + 4);
        long ysiz = u32(data, p + 8);
        long xosiz = u32(data, p + 12);
        long yosiz = u32(data, p + 16);
        long xtsiz = u32(data, p + 20);
        long ytsiz = u32(data, p + 24);
        long xtosiz = u32(data, p + 28);
        long ytosiz = u32(data, p + 32);
        int csiz = u16(data, p + 36);
        if (lsiz != 38 + 3 * csiz) {
            throw corrupt("SIZ segment length " + lsiz + " does not match " + csiz + " components");
        }
        long width = xsiz - xosiz;
        long height = ysiz - yosiz;
        if (width <= 0 || height <= 0 || xtsiz == 0 || ytsiz == 0 || xtosiz > xosiz || ytosiz > yosiz
                || xtosiz + xtsiz <= xosiz || ytosiz + ytsiz <= yosiz) {
            throw corrupt("invalid image or tile geometry in SIZ");
        }
        if (width != format.columns() || height != format.rows() || csiz != format.samplesPerPixel()) {
            throw new PixelDataException("JPEG 2000 image is " + width + "x" + height + " with " + csiz
                    + " component(s) but the DICOM header declares " + format.columns() + "x" + format.rows()
                    + " with " + format.samplesPerPixel() + " sample(s) per pixel");
        }
        long tiles = ceilDiv(xsiz - xtosiz, xtsiz) * ceilDiv(ysiz - ytosiz, ytsiz);
        if (tiles > MAX_TILES) {
            throw corrupt(tiles + " tiles (at most " + MAX_TILES + " can be indexed)");
        }
        int precision = 0;
        boolean signed = false;
        boolean uniform = true;
        for (int c = 0; c < csiz; c++) {
            int q = p + 38 + 3 * c;
            int ssiz = data[q] & 0xFF;
            int bits = (ssiz & 0x7F) + 1;
            if (bits > 16) {
                throw new PixelDataException("unsupported JPEG 2000 image: component " + c + " has " + bits
                        + " bits (at most 16)");
            }
            if ((data[q + 1] & 0xFF) != 1 || (data[q + 2] & 0xFF) != 1) {
                throw new PixelDataException("unsupported JPEG 2000 image: component " + c
                        + " is subsampled (XRsiz/YRsiz other than 1)");
            }
            if (c > 0 && c < 3 && bits != precision) {
                uniform = false;
            }
            precision = Math.max(precision, bits);
            signed |= (ssiz & 0x80) != 0;
        }
        boolean ict = checkTileParts(data, p + lsiz, end, (int) tiles);
        return new Jpeg2000Codestream(start, end, (int) height, (int) width, csiz, precision, signed,
                ict && csiz >= 3 && uniform && !signed);
    }

    /**
     * Reads the rest of the main header, then follows each tile-part's length (Psot) to the EOC
     * marker.
     *
     * @return whether the image is coded with the irreversible colour transform throughout
     */
    private static boolean checkTileParts(byte[] data, int p, int end, int tiles) throws PixelDataException {
        boolean ict = false;
        boolean recoded = false;
        while (true) {
            if (p + 4 > end) {
                throw truncated(p);
            }
            int marker = u16(data, p);
            if (marker == SOT) {
                break;
            }
            if ((marker & 0xFF00) != 0xFF00) {
                throw corrupt("expected a marker in the main header at byte " + p);
            }
            int length = u16(data, p + 2);
            if (length < 2) {
                throw corrupt("marker segment length " + length + " at byte " + p);
            }
            if (marker == COD && length >= 12 && p + 14 <= end) {
                ict = data[p + 8] == 1 && data[p + 13] == 0; // MCT on, 9/7 irreversible wavelet
            } else if (marker == COC) {
                recoded = true;
            }
            p += 2 + length;
        }
        BitSet seen = new BitSet(tiles);
        while (p + 2 <= end) {
            int marker = u16(data, p);
            if (marker == EOC) {
                return ict && !recoded;
            }
            if (marker != SOT) {
                throw corrupt("expected a tile-part (SOT marker) at byte " + p);
            }
            if (p + 12 > end) {
                throw truncated(p);
            }
            int tile = u16(data, p + 4);
            long psot = u32(data, p + 6);
            if (tile >= tiles) {
                throw corrupt("tile-part for tile " + tile + " of " + tiles);
            }
            seen.set(tile);
            recoded |= tilePartChangesCoding(data, p + 12, psot == 0 ? end : (int) Math.min(end, p + psot));
            if (psot == 0) {
                // the last tile-part runs to the EOC marker, which must close the data
                if (!endsWithEoc(data, p + 12, end)) {
                    throw truncated(end);
                }
                return ict && !recoded;
            }
            if (psot < 12) {
                throw corrupt("tile-part length " + psot + " at byte " + p);
            }
            if (p + psot > end) {
                throw new PixelDataException("JPEG 2000 data is truncated: the tile-part at byte " + p + " needs "
                        + psot + " bytes but only " + (end - p) + " remain");
            }
            p += (int) psot;
        }
        if (seen.cardinality() < tiles) {
            throw new PixelDataException("JPEG 2000 data is truncated: no EOC marker and "
                    + (tiles - seen.cardinality()) + " tile(s) missing");
        }
        // every tile present and the data ends exactly after the last tile-part: EOC merely omitted
        return ict && !recoded;
    }

    /** True when a tile-part header (up to SOD) holds a COD or COC segment. */
    private static boolean tilePartChangesCoding(byte[] data, int p, int end) {
        while (p + 4 <= end) {
            int marker = u16(data, p);
            if (marker == SOD) {
                return false;
            }
            if (marker == COD || marker == COC) {
                return true;
            }
            int length = u16(data, p + 2);
            if ((marker & 0xFF00) != 0xFF00 || length < 2) {
                return true; // not understood: assume the worst
            }
            p += 2 + length;
        }
        return true;
    }

    /** True when an EOC marker follows {@code from}, allowing a few bytes of padding after it. */
    private static boolean endsWithEoc(byte[] data, int from, int end) {
        for (int i = end - 2; i >= Math.max(from, end - 18); i--) {
            if (u16(data, i) == EOC) {
                return true;
            }
        }
        return false;
    }

    /** Offsets of the contents of the contiguous codestream box ('jp2c') of a JP2 file. */
    private static int[] findContiguousCodestreamBox(byte[] data) throws PixelDataException {
        int p = 0;
        while (p + 8 <= data.length) {
            long length = u32(data, p);
            long type = u32(data, p + 4);
            int header = 8;
            if (length == 1) {
                if (p + 16 > data.length) {
                    break;
                }
                long high = u32(data, p + 8);
                long low = u32(data, p + 12);
                if (high != 0) {
                    break;
                }
                length = low;
                header = 16;
            } else if (length == 0) {
                length = data.length - p;
            }
            if (length < header || p + length > data.length) {
                break;
            }
            if (type == 0x6A703263L) { // 'jp2c'
                return new int[] {p + header, (int) (p + length)};
            }
            p += (int) length;
        }
        throw new PixelDataException("JP2 file without a complete codestream box: truncated or corrupt");
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static long u32(byte[] b, int p) {
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }

    private static PixelDataException truncated(int p) {
        return new PixelDataException("JPEG 2000 data is truncated near byte " + p);
    }

    private static PixelDataException corrupt(String what) {
        return new PixelDataException("corrupt JPEG 2000 data: " + what);
    }
}
