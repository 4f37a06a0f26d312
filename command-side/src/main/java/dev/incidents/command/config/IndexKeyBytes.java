package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.type.ObjectDataType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encoder of the keys of the embedded MongoDB server's unique indexes: the indexed values of a document in the order of
 * the index's fields, each a type tag, a length and its bytes. Keys are {@link #exact exact}: equal bytes mean equal
 * values, so a value that BSON cannot hold is written as its Java serialization.
 * <p>
 * Values are compared as the server compares them after normalising: every number that a double represents exactly
 * becomes a double, so 5, 5L and 5.0 write the same bytes.
 */
final class IndexKeyBytes {

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int DOUBLE = 2;
    private static final int LONG = 3;
    private static final int STRING = 4;
    private static final int BSON = 5;
    private static final int SERIALIZED = 7;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

    private IndexKeyBytes() {
    }

    /**
     * Returns the key of a unique index: the values, each normalised as the server normalises index values, also
     * inside documents and arrays, so two keys have equal bytes exactly when the server takes them as equal.
     */
    static byte[] exact(Iterable<?> values) {
        IndexKeyBytes key = new IndexKeyBytes();
        for (Object value : values) {
            key.append(normalizeDeeply(value));
        }
        return key.toByteArray();
    }

    /** Returns the values of a key written by {@link #exact}, for the rare lookups that compare every key. */
    static List<Object> valuesOf(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        List<Object> values = new ArrayList<>();
        while (buffer.hasRemaining()) {
            values.add(readValue(buffer));
        }
        return values;
    }

    private static Object readValue(ByteBuffer buffer) {
        int tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> buffer.get() != 0;
            case DOUBLE -> Double.longBitsToDouble(buffer.getLong());
            case LONG -> buffer.getLong();
            case STRING -> new String(readTagged(buffer), StandardCharsets.UTF_8);
            case BSON -> decodeBson(readTagged(buffer));
            case SERIALIZED -> ObjectDataType.deserialize(readTagged(buffer));
            default -> throw new IllegalArgumentException("invalid index key: unknown value tag " + tag);
        };
    }

    private static byte[] readTagged(ByteBuffer buffer) {
        byte[] value = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(value);
        return value;
    }

    private static Object decodeBson(byte[] encoded) {
        ByteBuf buffer = Unpooled.wrappedBuffer(encoded);
        try {
            return BsonDecoder.decodeBson(buffer).get("v");
        } finally {
            buffer.release();
        }
    }

    /** Returns the value normalised as {@link #normalize}, and the same inside documents and arrays. */
    private static Object normalizeDeeply(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document normalized = new Document();
            map.forEach((field, fieldValue) -> normalized.put(String.valueOf(field), normalizeDeeply(fieldValue)));
            return normalized;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(IndexKeyBytes::normalizeDeeply).toList();
        }
        return normalize(value);
    }

    /**
     * Returns the value as the server stores it in an index key: numbers as doubles unless a long is too large for
     * one. Other values are returned unchanged.
     */
    static Object normalize(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return null;
        }
        if (value instanceof Long longValue && longValue != (long) longValue.doubleValue()) {
            return value;
        }
        if (value instanceof Number number) {
            double doubleValue = number.doubleValue();
            // -0.0 and 0.0 are equal in a query.
            return doubleValue == 0.0 ? 0.0 : doubleValue;
        }
        return value;
    }

    private void append(Object value) {
        Object normalized = normalize(value);
        if (normalized == null) {
            bytes.write(NULL);
        } else if (normalized instanceof Boolean flag) {
            bytes.write(BOOLEAN);
            bytes.write(flag ? 1 : 0);
        } else if (normalized instanceof Double number) {
            bytes.write(DOUBLE);
            writeLong(Double.doubleToLongBits(number));
        } else if (normalized instanceof Long number) {
            bytes.write(LONG);
            writeLong(number);
        } else if (normalized instanceof String text) {
            writeTagged(STRING, text.getBytes(StandardCharsets.UTF_8));
        } else {
            byte[] encoded = bson(normalized);
            if (encoded != null) {
                writeTagged(BSON, encoded);
            } else {
                writeTagged(SERIALIZED, ObjectDataType.serialize(normalized));
            }
        }
    }

    private void writeTagged(int tag, byte[] value) {
        writeTagged(bytes, tag, value);
    }

    private void writeLong(long value) {
        writeLong(bytes, value);
    }

    /** Writes a type tag, the length of {@code value} as a variable-length integer, and {@code value}. */
    static void writeTagged(ByteArrayOutputStream bytes, int tag, byte[] value) {
        bytes.write(tag);
        int length = value.length;
        while ((length & ~0x7F) != 0) {
            bytes.write((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        bytes.write(length);
        bytes.write(value, 0, value.length);
    }

    /** Writes a long as 8 bytes, most significant first. */
    static void writeLong(ByteArrayOutputStream bytes, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (value >>> shift));
        }
    }

    /** Returns the value as the only field of a BSON document, the form the server received it in, or null. */
    static byte[] bson(Object value) {
        ByteBuf buffer = Unpooled.buffer(64);
        try {
            BsonEncoder.encodeDocument(new Document("v", value), buffer);
            byte[] encoded = new byte[buffer.readableBytes()];
            buffer.readBytes(encoded);
            return encoded;
        } catch (RuntimeException notEncodable) {
            return null;
        } finally {
            buffer.release();
        }
    }

    private byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
