package dev.incidents.command.config;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents come back from their BSON form equal to what was stored, values stored by H2's own type still read, and
 * a value without a BSON form is stored as a serialized object.
 */
class BsonDocumentValuesTest {

    private final BsonDocumentValues values = new BsonDocumentValues();

    @Test
    void documentRoundTripIsEqual() {
        Document document = summary();

        ByteBuffer stored = write(values, document);

        assertThat(stored.get(0)).isEqualTo(BsonDocumentValues.BSON_DOCUMENT);
        assertThat(values.read(stored)).isEqualTo(document);
        assertThat(stored.hasRemaining()).as("bytes left after the document").isFalse();
    }

    @Test
    void consecutiveValuesReadInOrder() {
        WriteBuffer buffer = new WriteBuffer();
        List<Object> written = List.of(summary(), 42L, new Document("_id", "INC2").append("state", "NEW"), "text");
        for (Object value : written) {
            values.write(buffer, value);
        }

        ByteBuffer stored = buffer.getBuffer().flip();
        List<Object> read = new ArrayList<>();
        while (stored.hasRemaining()) {
            read.add(values.read(stored));
        }

        assertThat(read).isEqualTo(written);
    }

    @Test
    void plainSerializedDocumentStillReads() {
        Document document = summary();

        ByteBuffer stored = write(new ObjectDataType(), document);

        assertThat(stored.get(0)).isNotEqualTo(BsonDocumentValues.BSON_DOCUMENT);
        assertThat(values.read(stored)).isEqualTo(document);
    }

    @Test
    void nonBsonValueFallsBackToSerialization() {
        Document document = new Document("_id", "INC3").append("raw", new StringBuilder("not a BSON value"));

        ByteBuffer stored = write(values, document);

        assertThat(stored.get(0)).isNotEqualTo(BsonDocumentValues.BSON_DOCUMENT);
        Document read = (Document) values.read(stored);
        assertThat(read.get("_id")).isEqualTo("INC3");
        assertThat(read.get("raw")).hasToString("not a BSON value");
    }

    private static ByteBuffer write(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        return buffer.getBuffer().flip();
    }

    private static Document summary() {
        Document workNote = new Document("noteId", UUID.randomUUID().toString()).append("text", "Rebooted the switch")
                .append("addedAt", Instant.parse("2026-03-02T10:15:30.123Z"));
        return new Document("_id", "INC-" + UUID.randomUUID())
                .append("state", "ASSIGNED")
                .append("priority", "P3")
                .append("version", 7L)
                .append("reopenCount", 2)
                .append("breachRatio", 0.75)
                .append("breached", false)
                .append("resolvedAt", null)
                .append("reportedAt", Instant.parse("2026-03-01T08:00:00Z"))
                .append("objectId", new ObjectId())
                .append("hash", new BinData(new byte[] {1, 2, 3, 4}))
                .append("groups", List.of("NET", "SERVICE-DESK"))
                .append("workNotes", List.of(workNote, new Document("noteId", "n2").append("text", "ééé ✓")))
                .append("sla", new Document("response", new Document("dueAt", Instant.parse("2026-03-01T12:00:00Z"))
                        .append("paused", true)));
    }
}
