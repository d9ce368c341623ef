package org.pleura.dicom.pixel;

/**
 * One Huffman table of a JPEG codestream (ITU-T T.81 annex C), built for fast decoding: codes of
 * up to {@link #LOOKAHEAD_BITS} bits are resolved by one table lookup, longer codes by the
 * canonical maximum-code comparison of T.81 figure F.16.
 */
final class JpegHuffmanTable {
    /** Codes no longer than this are decoded by a single lookup. */
    static final int LOOKAHEAD_BITS = 12;

    /** Per lookahead prefix: code length in bits 8..15 and symbol in bits 0..7; 0 when longer. */
    private final int[] lookup = new int[1 << LOOKAHEAD_BITS];
    /** Largest code of each length, -1 when there is none. */
    private final int[] maxCode = new int[17];
    /** Per length: index in {@link #symbols} of the first code of that length, minus that code. */
    private final int[] valueOffset = new int[17];
    private final int[] symbols;

    /**
     * @param counts  number of codes of each length 1..16 ({@code counts[0]} is length 1)
     * @param symbols the symbol values in order of increasing code
     * @throws PixelDataException when the counts describe more codes than a prefix code allows
     */
    JpegHuffmanTable(int[] counts, int[] symbols) throws PixelDataException {
        this.symbols = symbols.clone();
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 16; length++) {
            int count = counts[length - 1];
            valueOffset[length] = index - code;
            maxCode[length] = -1;
            if (count > 0) {
                if (code + count > (1 << length)) {
                    throw new PixelDataException("corrupt JPEG Huffman table: too many codes of length " + length);
                }
                for (int i = 0; i < count; i++, index++, code++) {
                    if (length <= LOOKAHEAD_BITS) {
                        int shift = LOOKAHEAD_BITS - length;
                        int entry = (length << 8) | (symbols[index] & 0xFF);
                        int first = code << shift;
                        for (int j = 0; j < (1 << shift); j++) {
                            lookup[first + j] = entry;
                        }
                    }
                }
                maxCode[length] = code - 1;
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
        in.ensure(16);
        int entry = lookup[in.peek(LOOKAHEAD_BITS)];
        if (entry != 0) {
            in.skip(entry >>> 8);
            return entry & 0xFF;
        }
        int code16 = in.peek(16);
        for (int length = LOOKAHEAD_BITS + 1; length <= 16; length++) {
            int code = code16 >>> (16 - length);
            if (code <= maxCode[length]) {
                in.skip(length);
                return symbols[code + valueOffset[length]] & 0xFF;
            }
        }
        throw new PixelDataException("corrupt JPEG data: invalid Huffman code near byte " + in.position());
    }
}
