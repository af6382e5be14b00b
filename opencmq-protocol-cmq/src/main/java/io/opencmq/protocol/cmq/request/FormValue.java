package io.opencmq.protocol.cmq.request;

import java.nio.charset.StandardCharsets;

/**
 * One decoded parameter value, held as its UTF-8 bytes, as its String, or both. Whichever
 * form is missing is made on first use and kept: message bodies go to the engine as bytes and
 * need no String unless the signature check asks for one, every other parameter is read as a
 * String. Values made by {@link FormDecoder} were already checked to be well-formed UTF-8, so
 * the two forms always hold the same text.
 *
 * <p>Not thread-safe in the sense of making each form once: two threads may both make the
 * missing form, which is harmless (equal results). Belongs to one request.
 */
final class FormValue {

    static final FormValue EMPTY = new FormValue(new byte[0], "");

    private byte[] utf8;
    private String text;

    private FormValue(byte[] utf8, String text) {
        this.utf8 = utf8;
        this.text = text;
    }

    /** Bytes known to be ASCII: their String is their Latin-1 reading, without a UTF-8 decoder. */
    static FormValue ofAscii(byte[] ascii) {
        return new FormValue(ascii, null);
    }

    /** Well-formed UTF-8 whose String the decoder has already made while checking it. */
    static FormValue ofBoth(byte[] utf8, String text) {
        return new FormValue(utf8, text);
    }

    static FormValue ofText(String text) {
        return new FormValue(null, text);
    }

    String text() {
        String t = text;
        if (t == null) {
            // Only ASCII values are stored without their text (see ofAscii).
            t = new String(utf8, StandardCharsets.ISO_8859_1);
            text = t;
        }
        return t;
    }

    byte[] utf8() {
        byte[] b = utf8;
        if (b == null) {
            b = text.getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    boolean isEmpty() {
        return utf8 != null ? utf8.length == 0 : text.isEmpty();
    }
}
