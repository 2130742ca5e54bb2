package io.layerline.http;

import java.util.Optional;

/**
 * What no text of any API may hold: a C0 control character other than tab, line feed and carriage return (PostgreSQL
 * cannot store NUL; the others are never part of a name, a digest or a sentence), or half of a surrogate pair (not
 * text at all: it cannot be encoded as UTF-8).
 */
public final class Text {

    private Text() {
    }

    /** Why {@code text} cannot be taken, as the end of a sentence naming the field; empty when it can. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of(String.format("holds a control character (U+%04X)", (int) c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds half of a surrogate pair, which is not text");
            }
        }
        return Optional.empty();
    }

    /** {@code text} with every character {@link #problem} refuses shown as {@code ?}: safe to echo or log. */
    public static String printable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(c < 0x20 || Character.isSurrogate((char) c) && c < 0x10000
                ? '?' : c));
        return safe.toString();
    }
}
