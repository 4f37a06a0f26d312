package dev.incidents.command.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Encoder of the keys of the embedded MongoDB server's equality indexes: the indexed values of a document in the
 * order of the index's fields, then the document's position. The unsigned order of the bytes is the server's sort
 * order for nulls, numbers, texts, booleans and instants, field by field in each field's direction. So the keys whose first
 * values are equal form one run of the index, and that run lists its documents sorted by the fields that follow.
 * <p>
 * Values are normalised as the server normalises them in an index: every number that a double represents exactly
 * becomes a double, so 5, 5L and 5.0 write the same bytes. Other values (documents, arrays, identifiers, binary data)
 * and longs too large for a double are written so that equal values have equal bytes, but in no particular order;
 * {@link #sortedValues} reports them.
 */
final class OrderedKeyBytes {

    // Type tags in the server's order of types: null and missing, numbers, texts, booleans, instants.
    private static final int NULL = 0x10;
    private static final int NUMBER = 0x20;
    private static final int TEXT = 0x30;
    private static final int BOOLEAN = 0x50;
    private static final int INSTANT = 0x60;
    // Tags of values kept for equality only, each with a length.
    private static final int LARGE_LONG = 0x70;
    private static final int BSON = 0x71;
    private static final int TEXT_FORM = 0x72;

    private static final int INVERTED = 0xFF;
    private static final long SIGN_BIT = 0x8000_0000_0000_0000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

    private OrderedKeyBytes() {
    }

    /** Returns the bytes of the leading values of a key, each field descending where {@code descending} is set. */
    static byte[] of(List<?> values, boolean[] descending) {
        OrderedKeyBytes key = new OrderedKeyBytes();
        for (int index = 0; index < values.size(); index++) {
            key.append(values.get(index), descending[index]);
        }
        return key.bytes.toByteArray();
    }

    /** Returns the key of one document: its indexed values followed by its position, ascending. */
    static byte[] of(List<?> values, boolean[] descending, Object position) {
        OrderedKeyBytes key = new OrderedKeyBytes();
        for (int index = 0; index < values.size(); index++) {
            key.append(values.get(index), descending[index]);
        }
        key.append(position, false);
        return key.bytes.toByteArray();
    }

    /**
     * Returns whether the {@code count} values that start at byte {@code offset} of a key are all of types whose bytes
     * follow the sort order: nulls, numbers, texts, booleans and instants.
     */
    static boolean sortedValues(byte[] key, int offset, int count) {
        int at = offset;
        for (int value = 0; value < count; value++) {
            if (at >= key.length) {
                return false;
            }
            int tag = key[at] & 0xFF;
            // Every tag is below 0x80, so a tag from 0x80 on is the inverted tag of a descending field.
            boolean descending = tag >= 0x80;
            at = skipSorted(key, at + 1, descending ? INVERTED - tag : tag, descending);
            if (at < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the offset after a sorted value whose tag was read, or -1 for a value kept for equality only. */
    private static int skipSorted(byte[] key, int at, int tag, boolean descending) {
        return switch (tag) {
            case NULL -> at;
            case NUMBER -> at + 8;
            case BOOLEAN -> at + 1;
            case INSTANT -> at + 12;
            case TEXT -> skipText(key, at, descending ? INVERTED : 0);
            default -> -1;
        };
    }

    /**
     * Returns the offset after a text: two bytes per character, where a pair of zero bytes (0xFF when descending)
     * starts either the end of the text or a character 0, and the third byte distinguishes them.
     */
    private static int skipText(byte[] key, int at, int zero) {
        int position = at;
        while (position + 2 < key.length) {
            if ((key[position] & 0xFF) == zero && (key[position + 1] & 0xFF) == zero) {
                if ((key[position + 2] & 0xFF) == zero) {
                    return position + 3;
                }
                position += 3;
            } else {
                position += 2;
            }
        }
        return -1;
    }

    private void append(Object value, boolean descending) {
        int start = bytes.size();
        writeValue(IndexKeyBytes.normalize(value));
        if (descending) {
            invertFrom(start);
        }
    }

    private void writeValue(Object normalized) {
        if (normalized == null) {
            bytes.write(NULL);
        } else if (normalized instanceof Double number) {
            bytes.write(NUMBER);
            long bits = Double.doubleToLongBits(number);
            // Positive doubles order as their bits with the sign set, negative ones as their inverted bits.
            IndexKeyBytes.writeLong(bytes, bits >= 0 ? bits ^ SIGN_BIT : ~bits);
        } else if (normalized instanceof String text) {
            bytes.write(TEXT);
            writeText(text);
        } else if (normalized instanceof Boolean flag) {
            bytes.write(BOOLEAN);
            bytes.write(flag ? 1 : 0);
        } else if (normalized instanceof Instant instant) {
            bytes.write(INSTANT);
            IndexKeyBytes.writeLong(bytes, instant.getEpochSecond() ^ SIGN_BIT);
            writeInt(instant.getNano());
        } else if (normalized instanceof Long number) {
            bytes.write(LARGE_LONG);
            IndexKeyBytes.writeLong(bytes, number);
        } else {
            byte[] encoded = IndexKeyBytes.bson(normalized);
            if (encoded != null) {
                IndexKeyBytes.writeTagged(bytes, BSON, encoded);
            } else {
                // A value BSON cannot hold is written as its text. Unequal values with the same text only add
                // candidates, which the query's own filter removes.
                byte[] text = String.valueOf(normalized).getBytes(StandardCharsets.UTF_8);
                IndexKeyBytes.writeTagged(bytes, TEXT_FORM, text);
            }
        }
    }

    /**
     * Writes a text as its UTF-16 characters, two bytes each, ended by three zero bytes, so texts compare as the
     * server compares strings, character by character. A character 0 is written as 0, 0, 1, which sorts below every
     * other character and above the end of the text.
     */
    private void writeText(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == 0) {
                bytes.write(0);
                bytes.write(0);
                bytes.write(1);
            } else {
                bytes.write(character >>> 8);
                bytes.write(character & 0xFF);
            }
        }
        bytes.write(0);
        bytes.write(0);
        bytes.write(0);
    }

    private void writeInt(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write(value >>> shift);
        }
    }

    /** Inverts the bytes written since {@code start}, which reverses their order among values of the same field. */
    private void invertFrom(int start) {
        byte[] written = bytes.toByteArray();
        bytes.reset();
        bytes.write(written, 0, start);
        for (int index = start; index < written.length; index++) {
            bytes.write(~written[index] & 0xFF);
        }
    }
}
