package dev.incidents.api.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hash chain over the events of one incident, which makes a later change to a stored event detectable.
 *
 * <p>Each event is one {@link Entry}. Its hash is the lowercase hex SHA-256 of the UTF-8 bytes of its canonical
 * text, {@link #canonicalEntry}, which is a JSON object with exactly these members, in this order:
 * <pre>
 * {"eventType":"IncidentReported","incidentId":"INC-1","occurredAt":"2024-01-02T03:04:05Z",
 *  "payload":{...},"previousHash":"0000...0000","recordedAt":"2024-01-02T03:04:05.123Z","sequenceNumber":0}
 * </pre>
 * <ul>
 *   <li>{@code eventType}: the simple name of the event's payload class, such as {@code IncidentReported};</li>
 *   <li>{@code incidentId}: the aggregate identifier of the event stream;</li>
 *   <li>{@code occurredAt}: the business time, as {@link Instant#toString()} writes it, or JSON null;</li>
 *   <li>{@code payload}: the event's payload as stored in the event store, in the canonical JSON form of
 *       {@link #canonicalJson}; it contains the actor and all the values of the event;</li>
 *   <li>{@code previousHash}: the hash of the entry before it, or {@link #GENESIS_HASH} for sequence number 0;</li>
 *   <li>{@code recordedAt}: the event message's timestamp (recording time), as {@link Instant#toString()} writes
 *       it;</li>
 *   <li>{@code sequenceNumber}: the event's sequence number in its stream, a JSON integer.</li>
 * </ul>
 * The canonical text has no whitespace between tokens. Event metadata (caller roles, correlation ids, import
 * positions) is not covered.
 *
 * <p>Canonical JSON: object members sorted by name in {@link String#compareTo} order (UTF-16 code units), array
 * elements in their order, no whitespace between tokens, strings escaped as Jackson 2 escapes them by default
 * ({@code "}, {@code \} and control characters below U+0020, everything else as UTF-8), integers in decimal
 * without exponent or leading zeros, other numbers as {@link java.math.BigDecimal#toPlainString()} of the written
 * value (so {@code 1e2} becomes {@code 100} and {@code 1.50} stays {@code 1.50}), and {@code true}, {@code false},
 * {@code null} as themselves. The form is idempotent: canonical JSON stays the same when made canonical again.
 */
public final class EventHashChain {

    /** Previous hash of the first entry of every incident: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final JsonFactory GENERATORS = new JsonFactory();

    private EventHashChain() {
    }

    /**
     * One event as the chain covers it.
     *
     * @param payload the payload JSON; any formatting, because the hash covers its canonical form
     */
    public record Entry(String incidentId, long sequenceNumber, String eventType, Instant occurredAt,
                        Instant recordedAt, String payload) {

        public Entry {
            Objects.requireNonNull(incidentId, "incident id is missing");
            Objects.requireNonNull(eventType, "event type is missing");
            Objects.requireNonNull(recordedAt, "recording time is missing");
            Objects.requireNonNull(payload, "payload is missing");
            if (sequenceNumber < 0) {
                throw new IllegalArgumentException("invalid sequence number " + sequenceNumber
                        + ": sequence numbers start at 0");
            }
        }
    }

    /**
     * Returns the hash of the entry that follows the entry with hash {@code previousHash}.
     *
     * @throws IllegalArgumentException when the previous hash is not 64 lowercase hex digits or the payload is not
     *                                  valid JSON
     */
    public static String hash(String previousHash, Entry entry) {
        byte[] text = canonicalEntry(previousHash, entry).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /** Returns the hashes of consecutive entries of one incident, starting from {@link #GENESIS_HASH}. */
    public static List<String> hashes(List<Entry> entries) {
        List<String> hashes = new ArrayList<>(entries.size());
        String previous = GENESIS_HASH;
        for (Entry entry : entries) {
            previous = hash(previous, entry);
            hashes.add(previous);
        }
        return hashes;
    }

    /** Writes the canonical text of an entry, the exact input of its hash. */
    public static String canonicalEntry(String previousHash, Entry entry) {
        checkHash(previousHash);
        JsonNode payload = parse(entry.payload());
        StringWriter text = new StringWriter();
        try (JsonGenerator out = GENERATORS.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("eventType", entry.eventType());
            out.writeStringField("incidentId", entry.incidentId());
            out.writeFieldName("occurredAt");
            if (entry.occurredAt() == null) {
                out.writeNull();
            } else {
                out.writeString(entry.occurredAt().toString());
            }
            out.writeFieldName("payload");
            write(payload, out);
            out.writeStringField("previousHash", previousHash);
            out.writeStringField("recordedAt", entry.recordedAt().toString());
            out.writeNumberField("sequenceNumber", entry.sequenceNumber());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the canonical entry of incident " + entry.incidentId()
                    + " sequence number " + entry.sequenceNumber() + " failed", e);
        }
        return text.toString();
    }

    /**
     * Writes a JSON text in the canonical form described on this class.
     *
     * @throws IllegalArgumentException when the text is not one valid JSON value
     */
    public static String canonicalJson(String json) {
        JsonNode node = parse(json);
        StringWriter text = new StringWriter();
        try (JsonGenerator out = GENERATORS.createGenerator(text)) {
            write(node, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing canonical JSON failed", e);
        }
        return text.toString();
    }

    /** Returns whether a text is a hash as this chain writes them: 64 lowercase hex digits. */
    public static boolean isHash(String text) {
        return text != null && text.length() == 64 && text.chars().allMatch(c -> c >= '0' && c <= '9'
                || c >= 'a' && c <= 'f');
    }

    private static void checkHash(String previousHash) {
        if (!isHash(previousHash)) {
            throw new IllegalArgumentException("invalid previous hash '" + previousHash
                    + "': use 64 lowercase hex digits, or " + GENESIS_HASH + " for the first entry");
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("invalid payload JSON: the text is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid payload JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                fields.forEachRemaining(members::add);
                members.sort(Map.Entry.comparingByKey());
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> member : members) {
                    out.writeFieldName(member.getKey());
                    write(member.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    out.writeNumber(node.bigIntegerValue().toString());
                } else {
                    out.writeNumber(node.decimalValue().toPlainString());
                }
            }
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            default -> throw new IllegalArgumentException("invalid payload JSON: unexpected " + node.getNodeType()
                    + " node");
        }
    }
}
