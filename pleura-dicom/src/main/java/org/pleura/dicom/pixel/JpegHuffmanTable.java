package org.pleura.dicom.pixel;

/**
 * One Huffman table of a JPEG codestream (ITU-T T.81 annex C), built for fast decoding: every code
 * (at most 16 bits) is resolved by one lookup of the next 16 bits. A 12-bit table with the
 * canonical comparison of T.81 figure F.16 for longer codes was 1.5x slower on 15-bit lossless
 * chest radiographs, whose Huffman tables have many 13-16-bit codes (docs/benchmarks.md).
 */
final class JpegHuffmanTable {
    /** Bits of lookahead: the longest code T.81 allows. */
    static final int LOOKAHEAD_BITS = 16;

    /** Per 16-bit prefix: code length in bits 8..15 and symbol in bits 0..7; 0 when no code matches. */
    private final int[] lookup = new int[1 << LOOKAHEAD_BITS];

    /**
     * @param counts  number of codes of each length 1..16 ({@code counts[0]} is length 1)
     * @param symbols the symbol values in order of increasing code
     * @throws PixelDataException when the counts describe more codes than a prefix code allows
     */
    JpegHuffmanTable(int[] counts, int[] symbols) throws PixelDataException {
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 16; length++) {
            int count = counts[length - 1];
            if (count > 0) {
                if (code + count > (1 << length)) {
                    throw new PixelDataException("corrupt JPEG Huffman table: too many codes of length " + length);
                }
                for (int i = 0; i < count; i++, index++, code++) {
                    int shift = LOOKAHEAD_BITS - length;
                    int first = code << shift;
                    java.util.Arrays.fill(lookup, first, first + (1 << shift), (length << 8) | (symbols[index] & 0xFF));
                }
            }
            code <<= 1;
        }
    }

    /**
     * Decodes one symbol.
     *
     * @throws PixelDataException when the bits match no code of this table (corrupt data)
     */
    int decode(JpegBitReader in) throws PixelDataException {
        in.ensure(LOOKAHEAD_BITS);
        int entry = lookup[in.peek(LOOKAHEAD_BITS)];
        if (entry != 0) {
            in.skip(entry >>> 8);
            return entry & 0xFF;
        }
        throw new PixelDataException("corrupt JPEG data: invalid Huffman code near byte " + in.position());
    }
}
