package dev.incidents.api.audit;

import dev.incidents.api.audit.EventHashChain.Entry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHashChainTest {

    private static final Entry FIRST = new Entry("INC-1", 0, "IncidentReported",
            Instant.parse("2024-01-02T03:04:05Z"), Instant.parse("2024-01-02T03:04:05.120Z"),
            "{ \"summary\": \"Printer \\\"B\\\" down\", \"actor\": {\"user\": \"ann\", \"role\": null},"
                    + " \"impact\": 1e2, \"weights\": [2, 1.50] }");

    @Test
    void canonicalEntryFollowsDocumentedForm() {
        String expected = "{\"eventType\":\"IncidentReported\",\"incidentId\":\"INC-1\","
                + "\"occurredAt\":\"2024-01-02T03:04:05Z\","
                + "\"payload\":{\"actor\":{\"role\":null,\"user\":\"ann\"},\"impact\":100,"
                + "\"summary\":\"Printer \\\"B\\\" down\",\"weights\":[2,1.50]},"
                + "\"previousHash\":\"" + "0".repeat(64) + "\","
                + "\"recordedAt\":\"2024-01-02T03:04:05.120Z\",\"sequenceNumber\":0}";

        assertThat(EventHashChain.canonicalEntry(EventHashChain.GENESIS_HASH, FIRST)).isEqualTo(expected);
    }

    @Test
    void hashIsSha256OfCanonicalEntry() throws Exception {
        byte[] text = EventHashChain.canonicalEntry(EventHashChain.GENESIS_HASH, FIRST)
                .getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));

        assertThat(EventHashChain.hash(EventHashChain.GENESIS_HASH, FIRST)).isEqualTo(expected);
    }

    @Test
    void canonicalJsonIsIdempotent() {
        String once = EventHashChain.canonicalJson(FIRST.payload());

        assertThat(EventHashChain.canonicalJson(once)).isEqualTo(once);
    }

    @Test
    void formattingDoesNotChangeHash() {
        Entry reformatted = new Entry("INC-1", 0, "IncidentReported", FIRST.occurredAt(), FIRST.recordedAt(),
                EventHashChain.canonicalJson(FIRST.payload()));

        assertThat(EventHashChain.hash(EventHashChain.GENESIS_HASH, reformatted))
                .isEqualTo(EventHashChain.hash(EventHashChain.GENESIS_HASH, FIRST));
    }

    @Test
    void everyCoveredFieldChangesHash() {
        String original = EventHashChain.hash(EventHashChain.GENESIS_HASH, FIRST);
        List<Entry> changed = List.of(
                new Entry("INC-2", 0, "IncidentReported", FIRST.occurredAt(), FIRST.recordedAt(), FIRST.payload()),
                new Entry("INC-1", 1, "IncidentReported", FIRST.occurredAt(), FIRST.recordedAt(), FIRST.payload()),
                new Entry("INC-1", 0, "IncidentClosed", FIRST.occurredAt(), FIRST.recordedAt(), FIRST.payload()),
                new Entry("INC-1", 0, "IncidentReported", null, FIRST.recordedAt(), FIRST.payload()),
                new Entry("INC-1", 0, "IncidentReported", FIRST.occurredAt(), FIRST.occurredAt(), FIRST.payload()),
                new Entry("INC-1", 0, "IncidentReported", FIRST.occurredAt(), FIRST.recordedAt(),
                        FIRST.payload().replace("ann", "bob")));

        for (Entry entry : changed) {
            assertThat(EventHashChain.hash(EventHashChain.GENESIS_HASH, entry)).as(entry.toString())
                    .isNotEqualTo(original);
        }
        assertThat(EventHashChain.hash("1".repeat(64), FIRST)).isNotEqualTo(original);
    }

    @Test
    void hashesLinkEachEntryToPrevious() {
        Entry second = new Entry("INC-1", 1, "IncidentClosed", null, FIRST.recordedAt(), "{}");

        List<String> hashes = EventHashChain.hashes(List.of(FIRST, second));

        assertThat(hashes).containsExactly(EventHashChain.hash(EventHashChain.GENESIS_HASH, FIRST),
                EventHashChain.hash(hashes.get(0), second));
    }

    @Test
    void invalidPreviousHashIsRejected() {
        assertThatThrownBy(() -> EventHashChain.hash("ABC", FIRST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ABC'");
    }

    @Test
    void invalidPayloadIsRejected() {
        Entry broken = new Entry("INC-1", 0, "IncidentReported", null, FIRST.recordedAt(), "{\"a\":");

        assertThatThrownBy(() -> EventHashChain.hash(EventHashChain.GENESIS_HASH, broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid payload JSON");
    }
}
