package dev.incidents.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the hash chains of an event log exported as CSV, from the file alone. For each incident it checks that
 * the rows carry consecutive sequence numbers from 0, that each row's {@code previousHash} is the {@code hash} of
 * the row before it ({@link EventHashChain#GENESIS_HASH} for the first), that {@code hash} is the
 * {@link EventHashChain} hash of the row's covered columns, and that the actor columns match the payload's actor.
 *
 * <p>The columns {@code state}, {@code priority}, {@code ownerGroup}, {@code assignedGroup} and {@code assignee} are
 * derived from the events for reading and are not checked.
 */
public final class ExportVerifier {

    /** Columns the verification reads; a file without one of them cannot be verified. */
    public static final List<String> REQUIRED_COLUMNS = List.of("incidentId", "sequenceNumber", "eventType",
            "occurredAt", "recordedAt", "actorUser", "actorRole", "actorGroup", "payload", "previousHash", "hash");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportVerifier() {
    }

    /**
     * The verification of one incident's rows.
     *
     * @param firstBrokenLine line of the file on which the first broken row starts, or 0 when the chain is valid
     * @param firstBrokenSequence sequence number written in that row, or -1
     * @param reason          what is wrong with that row, or null
     */
    public record IncidentResult(String incidentId, int rows, int firstBrokenLine, long firstBrokenSequence,
                                 String reason) {

        public boolean valid() {
            return reason == null;
        }
    }

    /**
     * Reads the whole file and returns one result per incident, in the order of their first rows.
     *
     * @throws IllegalArgumentException when the file is not CSV or lacks a required column
     */
    public static List<IncidentResult> verify(Reader csv) throws IOException {
        CsvReader reader = new CsvReader(csv);
        List<String> header = reader.next();
        if (header == null) {
            throw new IllegalArgumentException("the file is empty: expected a header row with the columns "
                    + REQUIRED_COLUMNS);
        }
        Map<String, Integer> columns = columnIndexes(header);

        Map<String, Chain> chains = new LinkedHashMap<>();
        List<String> row;
        while ((row = reader.next()) != null) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            int line = reader.recordLine();
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("invalid CSV on line " + line + ": " + row.size()
                        + " fields, but the header has " + header.size());
            }
            String incidentId = row.get(columns.get("incidentId"));
            chains.computeIfAbsent(incidentId, Chain::new).check(row, columns, line);
        }
        return chains.values().stream().map(Chain::result).toList();
    }

    private static Map<String, Integer> columnIndexes(List<String> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            // A file saved by a spreadsheet may start with a byte order mark.
            columns.putIfAbsent(header.get(i).replace("\uFEFF", "").strip(), i);
        }
        List<String> missing = REQUIRED_COLUMNS.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the header row lacks the columns " + missing
                    + ": verify a file written by GET /api/exports/events.csv");
        }
        return columns;
    }

    /** The state of one incident's chain while its rows are read. */
    private static final class Chain {

        private final String incidentId;
        private int rows;
        private long nextSequence;
        private String lastHash = EventHashChain.GENESIS_HASH;
        private int brokenLine;
        private long brokenSequence = -1;
        private String reason;

        Chain(String incidentId) {
            this.incidentId = incidentId;
        }

        void check(List<String> row, Map<String, Integer> columns, int line) {
            rows++;
            if (reason != null) {
                return;
            }
            String sequenceText = row.get(columns.get("sequenceNumber"));
            String problem;
            long sequence = -1;
            try {
                sequence = Long.parseLong(sequenceText);
                problem = problem(row, columns, sequence);
            } catch (NumberFormatException e) {
                problem = "invalid sequenceNumber '" + sequenceText + "'";
            }
            if (problem != null) {
                brokenLine = line;
                brokenSequence = sequence;
                reason = problem;
                return;
            }
            lastHash = row.get(columns.get("hash"));
            nextSequence++;
        }

        private String problem(List<String> row, Map<String, Integer> columns, long sequence) {
            if (sequence != nextSequence) {
                return "sequence number " + sequence + " where " + nextSequence
                        + " was expected: a row was deleted, added or moved";
            }
            String previousHash = row.get(columns.get("previousHash"));
            String hash = row.get(columns.get("hash"));
            if (hash.isEmpty()) {
                return "the row has no recorded hash: the server had not hashed this event when it exported it";
            }
            if (!previousHash.equals(lastHash)) {
                return "previousHash " + previousHash + " is not the hash of the row before, " + lastHash;
            }

            EventHashChain.Entry entry;
            try {
                String occurredAt = row.get(columns.get("occurredAt"));
                entry = new EventHashChain.Entry(incidentId, sequence, row.get(columns.get("eventType")),
                        occurredAt.isEmpty() ? null : Instant.parse(occurredAt),
                        Instant.parse(row.get(columns.get("recordedAt"))), row.get(columns.get("payload")));
            } catch (DateTimeParseException e) {
                return "invalid time '" + e.getParsedString() + "': use an ISO-8601 instant";
            }
            String recomputed;
            try {
                recomputed = EventHashChain.hash(previousHash, entry);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            if (!recomputed.equals(hash)) {
                return "the row's content does not match its hash: recorded " + hash + ", recomputed " + recomputed;
            }
            return actorProblem(row, columns, entry.payload());
        }

        private static String actorProblem(List<String> row, Map<String, Integer> columns, String payload) {
            JsonNode actor;
            try {
                actor = JSON.readTree(payload).path("actor");
            } catch (IOException e) {
                return "invalid payload JSON: " + e.getMessage();
            }
            for (String field : List.of("user", "role", "group")) {
                String column = "actor" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
                JsonNode value = actor.path(field);
                String expected = value.isTextual() ? value.textValue() : "";
                String written = row.get(columns.get(column));
                if (!Objects.equals(expected, written)) {
                    return "column " + column + " is '" + written + "', but the payload's actor has '" + expected
                            + "'";
                }
            }
            return null;
        }

        IncidentResult result() {
            return new IncidentResult(incidentId, rows, brokenLine, brokenSequence, reason);
        }
    }
}
