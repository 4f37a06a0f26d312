package dev.incidents.query.export;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an event log in the XML serialization of XES (IEEE 1849), as version 1.0 like the BPI Challenge logs. It
 * writes with StAX, element by element, so a log of any size passes through without being held in memory.
 * The caller writes the header once, then each trace with its events, then ends the log.
 */
final class XesLogWriter implements AutoCloseable {

    static final String NAMESPACE = "http://www.xes-standard.org/";

    /** The standard extensions whose attributes the export writes: name, prefix, URI. */
    static final List<List<String>> EXTENSIONS = List.of(
            List.of("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
            List.of("Time", "time", "http://www.xes-standard.org/time.xesext"),
            List.of("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
            List.of("Organizational", "org", "http://www.xes-standard.org/org.xesext"));

    /** xs:dateTime in UTC with milliseconds and a numeric offset, such as 2010-03-31T14:59:42.000+00:00. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final XMLStreamWriter xml;
    /** Nesting depth of the element being written, for one tab of indentation per level. */
    private int depth;

    XesLogWriter(OutputStream output) throws XMLStreamException {
        this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(output, "UTF-8");
    }

    /**
     * Writes the XML declaration, the {@code <log>} element with the extensions, the global defaults of the
     * attributes every trace and event carries, the classifiers and the log's own attributes.
     */
    void startLog(String logName, Instant exportedAt) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        open("log");
        xml.writeDefaultNamespace(NAMESPACE);
        xml.writeAttribute("xes.version", "1.0");
        xml.writeAttribute("xes.features", "nested-attributes");
        for (List<String> extension : EXTENSIONS) {
            empty("extension");
            xml.writeAttribute("name", extension.get(0));
            xml.writeAttribute("prefix", extension.get(1));
            xml.writeAttribute("uri", extension.get(2));
        }

        open("global");
        xml.writeAttribute("scope", "trace");
        string("concept:name", "__INVALID__");
        closeElement();
        open("global");
        xml.writeAttribute("scope", "event");
        string("concept:name", "__INVALID__");
        string("lifecycle:transition", "complete");
        date("time:timestamp", Instant.EPOCH);
        closeElement();

        classifier("Activity", "concept:name");
        classifier("Activity and transition", "concept:name lifecycle:transition");
        classifier("Source status", "importStatus");

        string("concept:name", logName);
        string("lifecycle:model", "standard");
        date("exportedAt", exportedAt);
    }

    void startTrace(String name) throws XMLStreamException {
        open("trace");
        string("concept:name", name);
    }

    void endTrace() throws XMLStreamException {
        closeElement();
    }

    void startEvent() throws XMLStreamException {
        open("event");
    }

    void endEvent() throws XMLStreamException {
        closeElement();
    }

    /** Ends the log and the document and flushes what is left. */
    void endLog() throws XMLStreamException {
        closeElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
    }

    void flush() throws XMLStreamException {
        xml.flush();
    }

    /** Writes a string attribute. A null value writes nothing, because XES has no null. */
    void string(String key, String value) throws XMLStreamException {
        if (value != null) {
            attribute("string", key, value);
        }
    }

    void date(String key, Instant value) throws XMLStreamException {
        if (value != null) {
            attribute("date", key, DATE_TIME.format(value));
        }
    }

    void integer(String key, long value) throws XMLStreamException {
        attribute("int", key, Long.toString(value));
    }

    @Override
    public void close() throws XMLStreamException {
        xml.close();
    }

    private void attribute(String type, String key, String value) throws XMLStreamException {
        empty(type);
        xml.writeAttribute("key", key);
        xml.writeAttribute("value", value);
    }

    private void open(String element) throws XMLStreamException {
        newLine();
        xml.writeStartElement(element);
        depth++;
    }

    private void closeElement() throws XMLStreamException {
        depth--;
        newLine();
        xml.writeEndElement();
    }

    private void empty(String element) throws XMLStreamException {
        newLine();
        xml.writeEmptyElement(element);
    }

    private void newLine() throws XMLStreamException {
        if (depth > 0) {
            xml.writeCharacters("\n" + "\t".repeat(depth));
        }
    }

    private void classifier(String name, String keys) throws XMLStreamException {
        empty("classifier");
        xml.writeAttribute("name", name);
        xml.writeAttribute("keys", keys);
    }
}
