package dev.incidents.command.web;

/**
 * Characters that text fields of the command API reject. A one-line field, such as a summary or a group name, takes
 * no control characters and no line or paragraph separators (U+2028, U+2029). It takes no bidirectional controls
 * either (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), because they can make a name display as
 * another. Invisible formatting characters such as U+200B and noncharacters such as U+FFFF are rejected too, and a
 * one-line value must show at least one character. No text field takes half of a surrogate pair, which is no
 * character at all and which many readers of the stored text cannot decode.
 */
final class TextCharacters {

    private TextCharacters() {
    }

    /** Returns the index of the first character a one-line field rejects, or -1 when there is none. */
    static int firstInvalidInSingleLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isBidiControl(c)
                    || isInvisible(c) || isNoncharacter(c) || isLoneSurrogate(value, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns true when a value has characters but none that shows, such as only U+00A0 or U+3000 spaces, which
     * {@code @NotBlank} lets through because it checks only the spaces Java calls whitespace.
     */
    static boolean looksBlank(String value) {
        return !value.isEmpty() && value.codePoints()
                .allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** Returns the index of the first character a multi-line field rejects, or -1 when there is none. */
    static int firstInvalidInText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
            if (control || isLoneSurrogate(value, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the character at {@code index} as {@code U+XXXX} with what kind of character it is. */
    static String describe(String value, int index) {
        char c = value.charAt(index);
        String code = String.format("U+%04X", (int) c);
        if (isLoneSurrogate(value, index)) {
            return code + " (half of a surrogate pair)";
        }
        if (isBidiControl(c)) {
            return code + " (a bidirectional control character)";
        }
        if (c == '\u2028' || c == '\u2029') {
            return code + " (a line or paragraph separator)";
        }
        if (isInvisible(c)) {
            return code + " (an invisible formatting character)";
        }
        if (isNoncharacter(c)) {
            return code + " (a noncharacter)";
        }
        return code + " (a control character)";
    }

    /**
     * Returns the value with every character that a one-line field rejects written as {@code \\uXXXX}, so that an
     * error message can show it: JSON cannot carry a lone surrogate, and a bidirectional control would reorder the
     * message around it.
     */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isBidiControl(c)
                    || isInvisible(c) || isNoncharacter(c) || isLoneSurrogate(value, i)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Returns true for a formatting character that shows nothing, such as U+200B, U+2060, U+FEFF or the soft hyphen.
     * The joiners U+200C and U+200D stay allowed: emoji sequences and several scripts need them.
     */
    private static boolean isInvisible(char c) {
        return Character.getType(c) == Character.FORMAT && c != '\u200C' && c != '\u200D' && !isBidiControl(c);
    }

    private static boolean isNoncharacter(char c) {
        return (c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF';
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean isLoneSurrogate(String value, int index) {
        char c = value.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(value.charAt(index - 1));
        }
        return false;
    }
}
