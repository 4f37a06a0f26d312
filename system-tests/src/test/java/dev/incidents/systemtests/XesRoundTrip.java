package dev.incidents.systemtests;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the XES export of a replayed BPI Challenge 2013 log, from {@code GET /api/exports/events.xes}, with the
 * source traces, read from the log file by this class on its own without the importer's code. For every record that
 * the import applied, the exported events name the record ({@code importRecord}) and carry its status and sub status
 * ({@code importStatus}), team ({@code org:group}), person ({@code org:resource}) and time ({@code time:timestamp}).
 * Records the import skipped have no event. The checks assert that none of them changed the team of an open incident
 * or moved between work and completion. {@link Bpic2013ReplayIntegrationTest} runs them after its replay.
 */
final class XesRoundTrip {

    static final String EXPORT = "/api/exports/events.xes";

    private final Map<String, List<SourceRecord>> source;

    private XesRoundTrip(Map<String, List<SourceRecord>> source) {
        this.source = source;
    }

    /** Reads the source traces of the log file, a gzip-compressed XES document. */
    static XesRoundTrip readSource(Path log) throws IOException, XMLStreamException {
        return new XesRoundTrip(readSourceTraces(log));
    }

    /** Returns the source records of every trace, by incident id. */
    Map<String, List<SourceRecord>> source() {
        return source;
    }

    /**
     * Checks the exported trace of {@code id} against its source trace: record by record for the records that have
     * events, and for those without, that the import had nothing to apply.
     */
    void assertRoundTrip(String id, ExportedTrace exported) {
        List<SourceRecord> records = source.get(id);
        assertThat(exported).as("trace %s in the export", id).isNotNull();

        Map<Integer, List<ExportedEvent>> byRecord = new LinkedHashMap<>();
        int previousRecord = -1;
        for (ExportedEvent event : exported.events()) {
            assertThat(event.importSource()).as("importSource of %s", id).isEqualTo("bpic2013");
            assertThat(event.importRecord()).as("records of %s in ascending order", id)
                    .isGreaterThanOrEqualTo(previousRecord);
            assertThat(event.entryHash()).as("entry hash of %s", id).matches("[0-9a-f]{64}");
            assertThat(event.recomputedHash()).as("recomputed hash of %s", id).isEqualTo(event.entryHash());
            previousRecord = event.importRecord();
            byRecord.computeIfAbsent(event.importRecord(), record -> new ArrayList<>()).add(event);
        }
        assertThat(byRecord).as("applied records of %s", id).containsKey(0);

        for (Map.Entry<Integer, List<ExportedEvent>> applied : byRecord.entrySet()) {
            assertThat(applied.getKey()).as("record index in %s", id).isLessThan(records.size());
            SourceRecord record = records.get(applied.getKey());
            for (ExportedEvent event : applied.getValue()) {
                String where = id + " record " + applied.getKey() + " event " + event.activity();
                assertThat(event.importStatus()).as("status of %s", where).isEqualTo(record.label());
                assertThat(event.group()).as("org:group of %s", where).isEqualTo(record.team());
                assertThat(event.resource()).as("org:resource of %s", where).isEqualTo(record.resource());
                assertThat(event.timestamp()).as("time:timestamp of %s", where).isEqualTo(record.timestamp());
            }
        }

        assertSkippedRecordsChangeNothing(id, records, byRecord);
        assertThat(distinctInRow(byRecord.keySet().stream().map(i -> records.get(i).team()).toList()))
                .as("sequence of teams of %s", id)
                .isEqualTo(distinctInRow(records.stream().map(SourceRecord::team).toList()));
    }

    /**
     * Records without events must be ones the import skipped for a reason it documents: same team as the record
     * before (or a closed incident, whose team changes when work resumes), and no move between work
     * (Queued, Accepted) and completion (Completed).
     */
    private static void assertSkippedRecordsChangeNothing(String id, List<SourceRecord> records,
                                                          Map<Integer, List<ExportedEvent>> byRecord) {
        String stateBefore = null;
        for (int i = 0; i < records.size(); i++) {
            List<ExportedEvent> events = byRecord.get(i);
            if (events != null) {
                stateBefore = events.get(events.size() - 1).state();
                continue;
            }
            SourceRecord record = records.get(i);
            SourceRecord previous = records.get(i - 1);
            String where = id + " record " + i + " (" + record.label() + ")";
            // An Unmatched record changes no team, so the records around it are compared with the incident alone.
            if (record.status().equals("Unmatched") || previous.status().equals("Unmatched")) {
                continue;
            }
            if (!"CLOSED".equals(stateBefore)) {
                assertThat(record.team()).as("team of skipped %s", where).isEqualTo(previous.team());
            }
            assertThat(record.status().equals("Completed")).as("completion of skipped %s", where)
                    .isEqualTo(previous.status().equals("Completed"));
        }
    }

    /** Exports the incidents reported in the second of {@code id}'s first record and returns {@code id}'s trace. */
    ExportedTrace exportReportedWith(IncidentsStack stack, String id) throws Exception {
        Instant reported = source.get(id).get(0).timestamp();
        String path = EXPORT + "?from=" + encode(reported.toString()) + "&to="
                + encode(reported.plusSeconds(1).toString());
        HttpResponse<InputStream> response = stack.streamFromQuerySide(path);
        assertThat(response.statusCode()).as("status of GET %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/xml"));
        try (InputStream body = response.body()) {
            Map<String, ExportedTrace> traces = readExport(body);
            assertThat(traces).as("traces exported for %s", path).containsKey(id);
            for (ExportedTrace trace : traces.values()) {
                Instant first = trace.events().get(0).timestamp();
                assertThat(first).as("report time of %s", trace.id()).isBetween(reported, reported.plusMillis(999));
            }
            return traces.get(id);
        }
    }

    /** Returns the id of the trace that meets {@code condition} with the highest weight, the smallest id on a tie. */
    String chooseTrace(Predicate<List<SourceRecord>> condition,
                               ToIntFunction<List<SourceRecord>> weight) {
        return source.entrySet().stream()
                .filter(entry -> condition.test(entry.getValue()))
                .max(Comparator.<Map.Entry<String, List<SourceRecord>>>comparingInt(e -> weight.applyAsInt(e.getValue()))
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError("no trace of the log fits"));
    }

    static int teamChanges(List<SourceRecord> trace) {
        int changes = 0;
        for (int i = 1; i < trace.size(); i++) {
            if (!trace.get(i).team().equals(trace.get(i - 1).team())) {
                changes++;
            }
        }
        return changes;
    }

    static boolean reopensAfterClosure(List<SourceRecord> trace) {
        for (int i = 1; i < trace.size(); i++) {
            String status = trace.get(i).status();
            if (trace.get(i - 1).label().equals("Completed/Closed")
                    && (status.equals("Accepted") || status.equals("Queued"))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> distinctInRow(List<String> values) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            if (result.isEmpty() || !result.get(result.size() - 1).equals(value)) {
                result.add(value);
            }
        }
        return result;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One record of the source log, read by this test without the importer's code. */
    record SourceRecord(String status, String subStatus, String team, String resource, Instant timestamp) {

        String label() {
            return status + "/" + subStatus;
        }
    }

    /** One exported event, with the attributes this test compares. */
    record ExportedEvent(String activity, Instant timestamp, String resource, String group, String importSource,
                         int importRecord, String importStatus, String entryHash, String recomputedHash,
                         String state, int reassignmentCount) {
    }

    record ExportedTrace(String id, List<ExportedEvent> events) {
    }

    /** Reads the traces of the source log: every attribute written on an event, ignoring the log's defaults. */
    private static Map<String, List<SourceRecord>> readSourceTraces(Path file) throws IOException, XMLStreamException {
        Map<String, List<SourceRecord>> traces = new LinkedHashMap<>();
        try (InputStream input = new GZIPInputStream(Files.newInputStream(file))) {
            readTraces(input, (name, events) -> {
                List<SourceRecord> records = new ArrayList<>();
                for (Map<String, String> event : events) {
                    records.add(new SourceRecord(event.get("concept:name"), event.get("lifecycle:transition"),
                            event.get("org:group"), event.get("org:resource"),
                            OffsetDateTime.parse(event.get("time:timestamp")).toInstant()));
                }
                traces.put(name, records);
            });
        }
        return traces;
    }

    /** Reads the traces of an exported XES document, by incident id. */
    static Map<String, ExportedTrace> readExport(InputStream body) throws XMLStreamException {
        Map<String, ExportedTrace> traces = new LinkedHashMap<>();
        readTraces(body, (name, attributes) -> {
            List<ExportedEvent> events = new ArrayList<>();
            for (Map<String, String> event : attributes) {
                events.add(new ExportedEvent(event.get("concept:name"),
                        OffsetDateTime.parse(event.get("time:timestamp")).toInstant(), event.get("org:resource"),
                        event.get("org:group"), event.get("importSource"),
                        Integer.parseInt(Objects.requireNonNull(event.get("importRecord"), "importRecord")),
                        event.get("importStatus"), event.get("entryHash"), event.get("recomputedHash"),
                        event.get("state"),
                        Integer.parseInt(event.get("reassignmentCount"))));
            }
            assertThat(traces.put(name, new ExportedTrace(name, events))).as("earlier trace named %s", name).isNull();
        });
        return traces;
    }

    /**
     * Reads an XES document with the JDK's StAX parser and passes each trace's name and the attributes of its events,
     * by key, to {@code consumer}. Only attributes that are direct children of a trace or an event count, so
     * {@code <global>} defaults do not.
     */
    private static void readTraces(InputStream input, BiConsumer<String, List<Map<String, String>>> consumer)
            throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(input, "UTF-8");
        List<String> path = new ArrayList<>();
        String traceName = null;
        List<Map<String, String>> events = null;
        Map<String, String> event = null;
        while (xml.hasNext()) {
            int type = xml.next();
            if (type == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                String parent = path.isEmpty() ? null : path.get(path.size() - 1);
                if (name.equals("trace")) {
                    traceName = null;
                    events = new ArrayList<>();
                } else if (name.equals("event") && "trace".equals(parent)) {
                    event = new HashMap<>();
                } else if ("event".equals(parent) && event != null) {
                    event.put(xml.getAttributeValue(null, "key"), xml.getAttributeValue(null, "value"));
                } else if ("trace".equals(parent) && "concept:name".equals(xml.getAttributeValue(null, "key"))) {
                    traceName = xml.getAttributeValue(null, "value");
                }
                path.add(name);
            } else if (type == XMLStreamConstants.END_ELEMENT) {
                String name = path.remove(path.size() - 1);
                if (name.equals("event") && event != null) {
                    events.add(event);
                    event = null;
                } else if (name.equals("trace")) {
                    consumer.accept(traceName, events);
                }
            }
        }
        xml.close();
    }
}
