package dev.incidents.command.importer;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipException;

/**
 * Streams the traces of an XES 1.0 event log (plain or gzip-compressed) with StAX, one trace in memory at a time.
 * The log's {@code <global>} defaults and log-level attributes are ignored: only attributes written on an event
 * count, so a missing attribute stays missing instead of becoming the placeholder "UNKNOWN".
 */
final class XesTraceReader {

    /** Prefix of the reason in the messages of the JDK's XML parser. */
    private static final String PARSER_REASON = "Message:";

    private XesTraceReader() {
    }

    /** Calls {@code consumer} with each trace of the log in file order. */
    static void readTraces(Path file, Consumer<SourceTrace> consumer) throws IOException {
        try (InputStream input = LogFiles.open(file)) {
            XMLStreamReader xml = newReader(input);
            try {
                readLog(xml, consumer);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | EOFException | ZipException e) {
            throw unreadable(e, file);
        }
    }

    /** Counts the event records of the log without keeping them, for progress figures. */
    static long countRecords(Path file) throws IOException {
        long count = 0;
        try (InputStream input = LogFiles.open(file)) {
            XMLStreamReader xml = newReader(input);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && "event".equals(xml.getLocalName())) {
                        count++;
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | EOFException | ZipException e) {
            throw unreadable(e, file);
        }
        return count;
    }

    private static IOException unreadable(Exception failure, Path file) {
        // The XML parser reports a truncated compressed file as a premature end of the XML, without the cause, so
        // the compressed data is checked on its own: it is what the user has to fix.
        String reason = LogFiles.describeFailure(failure);
        if (failure instanceof XMLStreamException xml) {
            String compression = LogFiles.compressionFailure(file);
            reason = compression != null ? compression : describe(xml);
        }
        return new IOException("The uploaded file is not a readable XES log: " + reason + ".", failure);
    }

    /**
     * Describes an XML error by its line, column and reason, without the parser's own layout, which spans two lines
     * and starts with "ParseError at [row,col]".
     */
    static String describe(XMLStreamException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        int reasonStart = message.indexOf(PARSER_REASON);
        String reason = reasonStart >= 0 ? message.substring(reasonStart + PARSER_REASON.length()) : message;
        reason = reason.strip().replaceAll("\\s+", " ");
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }

        Location location = failure.getLocation();
        String where = location == null || location.getLineNumber() < 0 ? ""
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": ";
        return where + reason + "; upload a complete XES log, such as the file as published";
    }

    private static XMLStreamReader newReader(InputStream input) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // An uploaded file must not make the parser fetch or expand outside content.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory.createXMLStreamReader(input, "UTF-8");
    }

    private static void readLog(XMLStreamReader xml, Consumer<SourceTrace> consumer) throws XMLStreamException {
        String traceId = null;
        List<SourceRecord> records = null;
        Map<String, String> event = null;
        int depth = 0;
        int traceDepth = -1;
        int eventDepth = -1;

        while (xml.hasNext()) {
            int type = xml.next();
            if (type == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if ("trace".equals(name)) {
                    traceDepth = depth;
                    traceId = null;
                    records = new ArrayList<>();
                } else if ("event".equals(name) && traceDepth > 0) {
                    eventDepth = depth;
                    event = new HashMap<>();
                } else if (event != null && depth == eventDepth + 1) {
                    event.put(xml.getAttributeValue(null, "key"), xml.getAttributeValue(null, "value"));
                } else if (traceDepth > 0 && depth == traceDepth + 1 && "concept:name".equals(
                        xml.getAttributeValue(null, "key"))) {
                    traceId = xml.getAttributeValue(null, "value");
                }
            } else if (type == XMLStreamConstants.END_ELEMENT) {
                if (depth == eventDepth && event != null) {
                    records.add(toRecord(records.size(), event));
                    event = null;
                    eventDepth = -1;
                } else if (depth == traceDepth) {
                    consumer.accept(new SourceTrace(traceId, List.copyOf(records)));
                    traceDepth = -1;
                    records = null;
                }
                depth--;
            }
        }
    }

    private static SourceRecord toRecord(int index, Map<String, String> attributes) {
        return new SourceRecord(index,
                attributes.get("concept:name"),
                attributes.get("lifecycle:transition"),
                attributes.get("org:group"),
                attributes.get("org:resource"),
                parseTime(attributes.get("time:timestamp")),
                attributes.get("impact"),
                attributes.get("product"));
    }

    private static Instant parseTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
