package dev.incidents.command.config;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * The value type of the embedded MongoDB server's collections: stores each document as BSON instead of as a
 * serialized Java object, and still reads the serialized objects that earlier versions wrote.
 * <p>
 * H2's {@link ObjectDataType} writes a document with Java serialization, which repeats the class descriptions of the
 * document and its maps in every stored value. A profile of projection rebuilds found half of the server's processor
 * samples in that serialization and its reverse. BSON is the form in which the documents arrive over the wire, so
 * every value the server stores has one, and it is several times shorter and faster to write and read.
 * <p>
 * Each BSON value starts with a tag byte that {@link ObjectDataType} does not use, so the two forms can live side by
 * side in one map: a store file written before keeps working, and its documents move to BSON as they are rewritten.
 * A value without a BSON form (none of the projections writes one) is stored as before.
 */
final class BsonDocumentValues extends ObjectDataType {

    private static final Logger log = LoggerFactory.getLogger(BsonDocumentValues.class);

    /** A tag above the highest one of {@link ObjectDataType} (byte arrays of 0 to 15 bytes, 104 to 119). */
    static final byte BSON_DOCUMENT = 122;

    /**
     * Running estimate of a document's memory, which H2 uses to size pages and its cache. Four times its BSON size
     * is an estimate of what the decoded maps, strings and boxed numbers take beyond their encoded bytes.
     */
    private volatile int averageMemory = 4_096;

    @Override
    public void write(WriteBuffer buffer, Object value) {
        byte[] bson = value instanceof Document document ? encode(document) : null;
        if (bson == null) {
            super.write(buffer, value);
            return;
        }

        buffer.put(BSON_DOCUMENT).put(bson);
        averageMemory = (averageMemory * 15 + bson.length * 4) / 16;
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_DOCUMENT) {
            return super.read(buffer);
        }

        buffer.get();
        // BSON starts with its own length, little-endian, which counts these four bytes.
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice().limit(length));
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(bson);
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : super.getMemory(value);
    }

    /** Returns the BSON form of {@code document}, or null if one of its values has none. */
    private byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(averageMemory / 4 + 256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } catch (IllegalArgumentException unsupported) {
            log.debug("Storing document {} as a serialized object: {}", document.get("_id"), unsupported.getMessage());
            return null;
        } finally {
            buffer.release();
        }
    }
}
