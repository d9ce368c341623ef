package org.pleura.dicom.net;

/** Checks Application Entity titles (PS3.5 table 6.2-1, VR AE): 1 to 16 printable ASCII characters, no backslash. */
public final class AeTitles {

    private AeTitles() {
    }

    /**
     * The title without leading and trailing spaces (which are not significant).
     *
     * @throws IllegalArgumentException if it is empty, longer than 16 characters or holds a backslash or a
     *                                  character outside printable ASCII
     */
    public static String requireValid(String aeTitle) {
        String t = aeTitle == null ? "" : aeTitle.strip();
        if (t.isEmpty() || t.length() > 16) {
            throw new IllegalArgumentException("an AE title has 1 to 16 characters: '" + aeTitle + "'");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("an AE title holds printable ASCII characters only, no backslash: '"
                        + aeTitle + "'");
            }
        }
        return t;
    }
}
