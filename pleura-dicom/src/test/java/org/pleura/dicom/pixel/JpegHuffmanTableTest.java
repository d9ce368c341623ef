package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Huffman table's single 16-bit lookup: codes of every length 1..16 decode to their symbols and consume exactly
 * their length; bits matching no code are refused.
 */
class JpegHuffmanTableTest {

    /**
     * One code of each length 1..15 and two of length 16 (the canonical codes 0, 10, 110, ..., 1111111111111110,
     * 1111111111111111 in T.81 annex C order); symbol of the code of length L is L, the last one 17.
     */
    private static JpegHuffmanTable everyLength() throws PixelDataException {
        int[] counts = new int[16];
        java.util.Arrays.fill(counts, 1);
        counts[15] = 2;
        int[] symbols = new int[17];
        for (int i = 0; i < 17; i++) {
            symbols[i] = i + 1;
        }
        return new JpegHuffmanTable(counts, symbols);
    }

    /** Bits given as a string of 0 and 1, padded with 1 bits to whole bytes (stuffing 0xFF as 0xFF 0x00). */
    private static JpegBitReader bits(String s) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() % 8 != 0) {
            b.append('1');
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < b.length(); i += 8) {
            int v = Integer.parseInt(b.substring(i, i + 8), 2);
            out.write(v);
            if (v == 0xFF) {
                out.write(0);
            }
        }
        byte[] data = out.toByteArray();
        return new JpegBitReader(data, 0, data.length);
    }

    @Test
    void decodesCodesOfEveryLengthUpToSixteenBits() throws PixelDataException {
        JpegHuffmanTable t = everyLength();
        StringBuilder stream = new StringBuilder();
        for (int length = 1; length <= 15; length++) {
            stream.append("1".repeat(length - 1)).append('0');
        }
        stream.append("1".repeat(15)).append('0');   // first 16-bit code
        stream.append("1".repeat(16));               // second 16-bit code
        stream.append("0");                          // length 1 again, to check nothing extra was consumed
        JpegBitReader in = bits(stream.toString());
        for (int length = 1; length <= 15; length++) {
            assertEquals(length, t.decode(in), "code of length " + length);
        }
        assertEquals(16, t.decode(in));
        assertEquals(17, t.decode(in));
        assertEquals(1, t.decode(in));
    }

    @Test
    void refusesBitsThatMatchNoCode() throws PixelDataException {
        // two codes: 0 (length 1) and 10 (length 2); 11... matches none
        int[] counts = new int[16];
        counts[0] = 1;
        counts[1] = 1;
        JpegHuffmanTable t = new JpegHuffmanTable(counts, new int[]{5, 6});
        PixelDataException e = assertThrows(PixelDataException.class, () -> t.decode(bits("1100000000000000")));
        assertTrue(e.getMessage().contains("invalid Huffman code"), e.getMessage());
    }

    @Test
    void refusesTablesWithMoreCodesThanPrefixCodesAllow() {
        int[] counts = new int[16];
        counts[0] = 3; // three codes of one bit
        assertThrows(PixelDataException.class, () -> new JpegHuffmanTable(counts, new int[]{1, 2, 3}));
    }
}
