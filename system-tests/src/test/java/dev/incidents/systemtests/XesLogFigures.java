package dev.incidents.systemtests;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Figures of a BPIC 2013 style XES log, counted straight from the file with StAX and independent of the importer:
 * what a replay should leave in the read models.
 *
 * @param traces traces in the log, one per incident
 * @param records event records in all traces
 * @param teamChanges pairs of consecutive records of a trace whose {@code org:group} differs
 * @param tracesWithTeamChange traces with at least one team change
 * @param completedThenReopened records {@code Completed/*} directly followed by {@code Accepted/*} or
 *         {@code Queued/*} in the same trace
 * @param tracesReopened traces with at least one such pair
 * @param lastStatusCounts traces by the state their last record implies: CLOSED for {@code Completed/Closed},
 *         RESOLVED for {@code Completed/Resolved} and {@code Completed/In Call}, CANCELLED for
 *         {@code Completed/Cancelled}, OPEN for anything else
 */
record XesLogFigures(
        long traces,
        long records,
        long teamChanges,
        long tracesWithTeamChange,
        long completedThenReopened,
        long tracesReopened,
        Map<String, Long> lastStatusCounts) {

    static final String OPEN = "OPEN";

    /** Reads the log, plain or gzip-compressed, one event at a time. */
    static XesLogFigures count(Path file) throws IOException, XMLStreamException {
        Counter counter = new Counter();
        try (InputStream input = open(file)) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xml = factory.createXMLStreamReader(input, "UTF-8");
            try {
                counter.read(xml);
            } finally {
                xml.close();
            }
        }
        return new XesLogFigures(counter.traces, counter.records, counter.teamChanges, counter.tracesWithTeamChange,
                counter.completedThenReopened, counter.tracesReopened, Map.copyOf(counter.lastStatusCounts));
    }

    long lastStatus(String state) {
        return lastStatusCounts.getOrDefault(state, 0L);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream input = new BufferedInputStream(Files.newInputStream(file));
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(input, 1 << 16) : input;
    }

    /** Walks the log, keeping only the previous record of the current trace. */
    private static final class Counter {
        private long traces;
        private long records;
        private long teamChanges;
        private long tracesWithTeamChange;
        private long completedThenReopened;
        private long tracesReopened;
        private final Map<String, Long> lastStatusCounts = new HashMap<>();

        private Map<String, String> previous;
        private Map<String, String> event;
        private boolean traceHasTeamChange;
        private boolean traceReopened;

        void read(XMLStreamReader xml) throws XMLStreamException {
            while (xml.hasNext()) {
                int type = xml.next();
                if (type == XMLStreamConstants.START_ELEMENT) {
                    startElement(xml);
                } else if (type == XMLStreamConstants.END_ELEMENT) {
                    endElement(xml.getLocalName());
                }
            }
        }

        private void startElement(XMLStreamReader xml) {
            switch (xml.getLocalName()) {
                case "trace" -> {
                    previous = null;
                    traceHasTeamChange = false;
                    traceReopened = false;
                }
                case "event" -> event = new HashMap<>();
                default -> {
                    // Attributes of an event are its direct children; the trace's own attributes are ignored.
                    if (event != null) {
                        event.put(xml.getAttributeValue(null, "key"), xml.getAttributeValue(null, "value"));
                    }
                }
            }
        }

        private void endElement(String name) {
            if ("event".equals(name)) {
                endEvent();
            } else if ("trace".equals(name)) {
                endTrace();
            }
        }

        private void endEvent() {
            records++;
            if (previous != null) {
                if (!Objects.equals(previous.get("org:group"), event.get("org:group"))) {
                    teamChanges++;
                    traceHasTeamChange = true;
                }
                String status = event.get("concept:name");
                if ("Completed".equals(previous.get("concept:name"))
                        && ("Accepted".equals(status) || "Queued".equals(status))) {
                    completedThenReopened++;
                    traceReopened = true;
                }
            }
            previous = event;
            event = null;
        }

        private void endTrace() {
            traces++;
            tracesWithTeamChange += traceHasTeamChange ? 1 : 0;
            tracesReopened += traceReopened ? 1 : 0;
            lastStatusCounts.merge(stateOf(previous), 1L, Long::sum);
        }

        private static String stateOf(Map<String, String> last) {
            if (last == null || !"Completed".equals(last.get("concept:name"))) {
                return OPEN;
            }
            return switch (String.valueOf(last.get("lifecycle:transition"))) {
                case "Closed" -> "CLOSED";
                case "Resolved", "In Call" -> "RESOLVED";
                case "Cancelled" -> "CANCELLED";
                default -> OPEN;
            };
        }
    }
}
