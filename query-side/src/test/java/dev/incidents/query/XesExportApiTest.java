package dev.incidents.query;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.pended;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The XES export of hand-made events: the log structure and its declared extensions, the attributes of each event,
 * the hash chain entries, the filters and who may export.
 */
class XesExportApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser ANA = ApiUser.basic("ana");
    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser ADAM = ApiUser.basic("adam");
    private static final String EXPORT = "/api/exports/events.xes";
    private static final String XES_NAMESPACE = "http://www.xes-standard.org/";

    /** Closed, reported first; its events come from an import and carry its provenance. */
    private static final List<IncidentEvent> X1 = List.of(
            reported("X-1", "rita", minute(0)),
            assigned("X-1", "NETWORK", null, minute(5)),
            accepted("X-1", "NETWORK", "sam", minute(10)),
            resolved("X-1", "NETWORK", "sam", minute(60)),
            closed("X-1", minute(120)));
    /** Pending in DATABASE, reported a day later. */
    private static final List<IncidentEvent> X2 = List.of(
            reported("X-2", "rita", minute(24 * 60)),
            assigned("X-2", "DATABASE", "dave", minute(24 * 60 + 5)),
            accepted("X-2", "DATABASE", "dave", minute(24 * 60 + 10)),
            pended("X-2", minute(24 * 60 + 20)));

    /** Activity names of the events of X-2, as docs/exports.md defines them. */
    private static final List<String> X2_ACTIVITIES = List.of("Incident reported", "Incident assigned",
            "Assignment accepted", "Incident pended");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void recordIncidents() {
        for (int i = 0; i < X1.size(); i++) {
            STORES.events().appendWithMetaData(Map.of(ImportMetaData.SOURCE, "bpic2013",
                    ImportMetaData.POSITION, (long) i * ImportMetaData.STEPS_PER_RECORD + 1,
                    ImportMetaData.SOURCE_STATUS, "Accepted/Assigned"), X1.get(i));
        }
        STORES.events().append(X2.toArray(IncidentEvent[]::new));
    }

    @Test
    void logDeclaresStandardExtensions() throws Exception {
        awaitCaughtUp();
        Element log = export(ANA, EXPORT).getDocumentElement();

        assertThat(log.getNamespaceURI()).isEqualTo(XES_NAMESPACE);
        assertThat(log.getLocalName()).isEqualTo("log");
        assertThat(log.getAttribute("xes.version")).isEqualTo("1.0");
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Element extension : children(log, "extension")) {
            extensions.put(extension.getAttribute("prefix"), extension.getAttribute("uri"));
        }
        assertThat(extensions).containsEntry("concept", "http://www.xes-standard.org/concept.xesext")
                .containsEntry("time", "http://www.xes-standard.org/time.xesext")
                .containsEntry("lifecycle", "http://www.xes-standard.org/lifecycle.xesext")
                .containsEntry("org", "http://www.xes-standard.org/org.xesext");

        Set<String> usedPrefixes = new TreeSet<>();
        for (Element attribute : descendantAttributes(log)) {
            String key = attribute.getAttribute("key");
            if (key.contains(":")) {
                usedPrefixes.add(key.substring(0, key.indexOf(':')));
            }
        }
        assertThat(extensions.keySet()).containsAll(usedPrefixes);
    }

    @Test
    void logElementsComeInSchemaOrder() throws Exception {
        awaitCaughtUp();
        Element log = export(ANA, EXPORT).getDocumentElement();

        // XES 1.0: extensions, globals, classifiers, the log's attributes, then traces.
        List<String> order = List.of("extension", "global", "classifier", "attribute", "trace");
        int previous = 0;
        for (Node node = log.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                assertThat(element.getNamespaceURI()).isEqualTo(XES_NAMESPACE);
                String kind = order.contains(element.getLocalName()) ? element.getLocalName() : "attribute";
                assertThat(order.indexOf(kind)).as("position of <%s>", element.getLocalName())
                        .isGreaterThanOrEqualTo(previous);
                previous = order.indexOf(kind);
            }
        }
    }

    @Test
    void tracesFollowReportTime() throws Exception {
        awaitCaughtUp();
        Document log = export(AUDREY, EXPORT);

        assertThat(traceNames(log)).containsExactly("X-1", "X-2");
    }

    @Test
    void eventsCarryStandardAttributes() throws Exception {
        awaitCaughtUp();
        Element trace = trace(export(ANA, EXPORT), "X-2");

        List<Element> events = children(trace, "event");
        assertThat(events).hasSize(X2.size());
        for (int i = 0; i < events.size(); i++) {
            Map<String, String> attributes = attributes(events.get(i));
            IncidentEvent event = X2.get(i);
            assertThat(attributes.get("concept:name")).as("activity of event %d", i)
                    .isEqualTo(X2_ACTIVITIES.get(i));
            assertThat(Instant.parse(attributes.get("time:timestamp"))).isEqualTo(event.occurredAt());
            assertThat(Instant.parse(attributes.get("recordedAt"))).isEqualTo(event.occurredAt().plusSeconds(1));
            assertThat(attributes.get("lifecycle:transition")).isEqualTo("complete");
            assertThat(attributes.get("org:resource")).isEqualTo(event.actor().user().value());
            assertThat(attributes.get("org:group")).isEqualTo(event.actor().group().value());
            assertThat(attributes.get("sequenceNumber")).isEqualTo(Integer.toString(i));
            assertThat(attributes).doesNotContainKey("importSource");
        }
        assertThat(attributes(events.get(3))).containsEntry("state", IncidentState.PENDING.name())
                .containsEntry("assignedGroup", "DATABASE")
                .containsEntry("assignee", "dave");
        assertThat(attributes(events.get(0))).containsEntry("state", IncidentState.NEW.name())
                .doesNotContainKey("assignedGroup");
    }

    @Test
    void attributesHaveDeclaredTypes() throws Exception {
        awaitCaughtUp();
        Element trace = trace(export(ANA, EXPORT), "X-1");

        Map<String, String> types = new LinkedHashMap<>();
        for (Element attribute : children(children(trace, "event").get(3), null)) {
            types.put(attribute.getAttribute("key"), attribute.getLocalName());
        }
        assertThat(types).containsEntry("time:timestamp", "date")
                .containsEntry("recordedAt", "date")
                .containsEntry("sequenceNumber", "int")
                .containsEntry("reassignmentCount", "int")
                .containsEntry("importRecord", "int")
                .containsEntry("concept:name", "string")
                .containsEntry("entryHash", "string");
    }

    @Test
    void importedEventsNameTheirRecord() throws Exception {
        awaitCaughtUp();
        List<Element> events = children(trace(export(ANA, EXPORT), "X-1"), "event");

        for (int i = 0; i < events.size(); i++) {
            Map<String, String> attributes = attributes(events.get(i));
            assertThat(attributes.get("importSource")).isEqualTo("bpic2013");
            assertThat(attributes.get("importRecord")).isEqualTo(Integer.toString(i));
            assertThat(attributes.get("importPosition"))
                    .isEqualTo(Long.toString((long) i * ImportMetaData.STEPS_PER_RECORD + 1));
            assertThat(attributes.get("importStatus")).isEqualTo("Accepted/Assigned");
        }
    }

    @Test
    void entryHashesMatchStoredEvents() throws Exception {
        awaitCaughtUp();
        List<Element> events = children(trace(export(ANA, EXPORT), "X-1"), "event");

        List<String> expected = EventHashChain.hashes(storedEntries("X-1", X1));
        List<String> recorded = events.stream().map(event -> attributes(event).get("entryHash")).toList();
        List<String> recomputed = events.stream().map(event -> attributes(event).get("recomputedHash")).toList();
        assertThat(recorded).isEqualTo(expected);
        assertThat(recomputed).isEqualTo(expected);
    }

    @Test
    void periodSelectsByReportTime() throws Exception {
        awaitCaughtUp();

        assertThat(traceNames(export(ANA, EXPORT + "?from=" + minute(1) + "&to=" + minute(48 * 60))))
                .containsExactly("X-2");
        assertThat(traceNames(export(ANA, EXPORT + "?from=" + minute(0) + "&to=" + minute(24 * 60))))
                .containsExactly("X-1");
        assertThat(traceNames(export(ANA, EXPORT + "?from=2024-03-02"))).containsExactly("X-2");
        assertThat(traceNames(export(ANA, EXPORT + "?to=2024-03-02"))).containsExactly("X-1");
    }

    @Test
    void groupAndStateSelect() throws Exception {
        awaitCaughtUp();

        assertThat(traceNames(export(ANA, EXPORT + "?group=DATABASE"))).containsExactly("X-2");
        assertThat(traceNames(export(ANA, EXPORT + "?state=CLOSED"))).containsExactly("X-1");
        assertThat(traceNames(export(ANA, EXPORT + "?group=NETWORK&state=PENDING"))).isEmpty();
    }

    @Test
    void invalidFiltersGet400() throws Exception {
        awaitCaughtUp();

        for (String query : List.of("from=yesterday", "to=2024-13-01T00:00:00Z", "state=OPENED",
                "from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z")) {
            MockHttpServletResponse response = perform(ADAM, get(URI.create(EXPORT + "?" + query))).getResponse();
            String parameter = query.contains("state") ? "state" : query.startsWith("from=y") ? "from" : "to";
            assertThat(response.getStatus()).as("status of %s", query).isEqualTo(400);
            assertThat(response.getContentAsString()).as("problem of %s", query).contains(parameter);
        }
    }

    @Test
    void onlyAuditorsAnalystsAndAdminsExport() throws Exception {
        awaitCaughtUp();

        for (String user : List.of("audrey", "ana", "adam")) {
            assertThat(perform(ApiUser.basic(user), get(EXPORT)).getResponse().getStatus()).as(user).isEqualTo(200);
        }
        for (String user : List.of("rita", "alice", "sam", "mona")) {
            assertThat(perform(ApiUser.basic(user), get(EXPORT)).getResponse().getStatus()).as(user).isEqualTo(403);
        }
    }

    /** Sends the export request, waits for the streamed body and parses it with a namespace-aware DOM parser. */
    private Document export(ApiUser user, String path) throws Exception {
        MvcResult result = perform(user, get(URI.create(path)));
        assertThat(result.getResponse().getStatus()).as("status of GET %s", path).isEqualTo(200);
        result.getAsyncResult(60_000);
        assertThat(result.getResponse().getContentType()).startsWith("application/xml");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("events.xes");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder parser = factory.newDocumentBuilder();
        byte[] body = result.getResponse().getContentAsByteArray();
        return parser.parse(new InputSource(new ByteArrayInputStream(body)));
    }

    private static List<String> traceNames(Document log) {
        return children(log.getDocumentElement(), "trace").stream()
                .map(trace -> attributes(trace).get("concept:name"))
                .toList();
    }

    private static Element trace(Document log, String name) {
        return children(log.getDocumentElement(), "trace").stream()
                .filter(trace -> name.equals(attributes(trace).get("concept:name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no trace " + name + " in the export"));
    }

    /** Child elements named {@code name}, or every child element other than traces and events when it is null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                boolean nested = element.getLocalName().equals("trace") || element.getLocalName().equals("event");
                if (name == null ? !nested : element.getLocalName().equals(name)) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    /** Returns the attributes written directly on a trace or event, by key. */
    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Element attribute : children(element, null)) {
            attributes.put(attribute.getAttribute("key"), attribute.getAttribute("value"));
        }
        return attributes;
    }

    private static List<Element> descendantAttributes(Element log) {
        List<Element> found = new ArrayList<>(children(log, null).stream()
                .filter(element -> element.hasAttribute("key")).toList());
        for (Element trace : children(log, "trace")) {
            found.addAll(children(trace, null));
            for (Element event : children(trace, "event")) {
                found.addAll(children(event, null));
            }
        }
        return found;
    }

    /** Reads the stored payloads of an incident's events from the event table, as the hash chain covers them. */
    private static List<EventHashChain.Entry> storedEntries(String incidentId, List<IncidentEvent> events)
            throws Exception {
        List<EventHashChain.Entry> entries = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(STORES.events().url(), "sa", "");
             PreparedStatement select = connection.prepareStatement("SELECT sequenceNumber, payload"
                     + " FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            select.setString(1, incidentId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    IncidentEvent event = events.get((int) rows.getLong(1));
                    entries.add(new EventHashChain.Entry(incidentId, rows.getLong(1),
                            event.getClass().getSimpleName(), event.occurredAt(), event.occurredAt().plusSeconds(1),
                            new String(rows.getBytes(2), StandardCharsets.UTF_8)));
                }
            }
        }
        assertThat(entries).hasSize(events.size());
        return entries;
    }
}
