package dev.incidents.api.incident;

/** Checks shared by the value types, so every entry point rejects the same input with the same message. */
public final class Values {

    private static final int SHOWN_CHARACTERS = 40;

    private Values() {
    }

    /** Returns the value cut to 40 characters, for error messages that must not echo large input. */
    public static String truncate(String value) {
        return truncate(value, SHOWN_CHARACTERS);
    }

    /** Returns the value cut to {@code maxLength} characters, marking the cut with "...". */
    public static String truncate(String value, int maxLength) {
        if (value == null) {
            return "null";
        }
        return value.length() <= maxLength ? value : value.substring(0, maxLength) + "...";
    }

    /** Rejects blank text, text over {@code maxLength} characters and control characters. */
    public static void requireSingleLine(String field, String value, int maxLength) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " '" + truncate(value) + "' is " + value.length()
                    + " characters long; the limit is " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " '" + truncate(value)
                        + "' contains a control character at position " + i + "; use a single line of text");
            }
        }
    }
}
