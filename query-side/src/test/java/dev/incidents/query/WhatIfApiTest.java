package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.TestServiceLevels;
import dev.incidents.query.testing.TestStores;

/**
 * Judges incidents again under other policies and calendars through the REST API, with the events in the event table
 * and the read models in MongoDB as the running query side sees them.
 *
 * <p>The scenario: policy "standard" version 1 gives P3 incidents 240 minutes to resolve and applies from 1 January
 * 2025; version 2 gives 120 minutes from 10 March 2025. Both count on calendar EMEA, open Monday to Friday 08:00-18:00
 * in Europe/Amsterdam (07:00-17:00 UTC in March before summer time). WI-1 is reported on Monday 3 March at 09:00 local
 * time and judged by version 1; WI-2 is reported on Monday 10 March at 09:00 and judged by version 2. Each is
 * assigned to NETWORK after 10 minutes, accepted after 20 and resolved after 150 minutes of business time, so WI-1
 * met its 240 minutes and WI-2 breached its 120. WI-3, a database incident reported on 4 March before service levels
 * were recorded, has no terms.
 */
class WhatIfApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser ANA = ApiUser.basic("ana");
    /** Manager of NETWORK and NETWORK-WAN. */
    private static final ApiUser MONA = ApiUser.basic("mona");

    private static final Instant WI_1_REPORTED = Instant.parse("2025-03-03T08:00:00Z");
    private static final Instant WI_2_REPORTED = Instant.parse("2025-03-10T08:00:00Z");
    private static final Instant WI_3_REPORTED = Instant.parse("2025-03-04T08:00:00Z");

    private static final String BY_V1 = "{\"id\":\"standard\",\"version\":1}";
    private static final String BY_V2 = "{\"id\":\"standard\",\"version\":2}";

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void recordScenario() {
        BusinessCalendar emea = TestServiceLevels.weekdays("Europe/Amsterdam", "08:00-18:00", "2025-12-25");
        ServiceLevelPolicy v1 = TestServiceLevels.policy("standard", 1, Instant.parse("2025-01-01T00:00:00Z"),
                Duration.ofMinutes(30), Duration.ofMinutes(240));
        ServiceLevelPolicy v2 = TestServiceLevels.policy("standard", 2, Instant.parse("2025-03-10T00:00:00Z"),
                Duration.ofMinutes(30), Duration.ofMinutes(120));
        TestServiceLevels.saveCalendar(STORES.events(), "EMEA", 1, emea, Instant.parse("2024-12-20T10:00:00Z"));
        TestServiceLevels.publishPolicy(STORES.events(), v1, "EMEA", Instant.parse("2024-12-20T10:05:00Z"));
        TestServiceLevels.publishPolicy(STORES.events(), v2, "EMEA", Instant.parse("2025-03-05T10:00:00Z"));

        // Terms the clocks cannot count: a calendar without opening hours, and a P3 target past any calendar.
        BusinessCalendar closed = BusinessCalendar.of("UTC", Map.of(), List.of());
        TestServiceLevels.saveCalendar(STORES.events(), "CLOSED", 1, closed, Instant.parse("2024-12-20T10:00:00Z"));
        TestServiceLevels.publishPolicy(STORES.events(), TestServiceLevels.policy("closed", 1,
                Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMinutes(30), Duration.ofMinutes(240)), "CLOSED",
                Instant.parse("2024-12-20T10:06:00Z"));
        TestServiceLevels.publishPolicy(STORES.events(), TestServiceLevels.policy("huge", 1,
                Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMinutes(30), Duration.ofHours(99_999_999_999L)),
                "EMEA", Instant.parse("2024-12-20T10:07:00Z"));

        STORES.events().append(handledIn150Minutes("WI-1", "email",
                TestServiceLevels.reportedP3("WI-1", "email", TestServiceLevels.terms(v1, "EMEA", 1, emea),
                        WI_1_REPORTED), "NETWORK"));
        STORES.events().append(handledIn150Minutes("WI-2", "email",
                TestServiceLevels.reportedP3("WI-2", "email", TestServiceLevels.terms(v2, "EMEA", 1, emea),
                        WI_2_REPORTED), "NETWORK"));
        STORES.events().append(
                TestServiceLevels.reportedP3("WI-3", "database", null, WI_3_REPORTED),
                assigned("WI-3", "DATABASE", "dave", WI_3_REPORTED.plusSeconds(600)),
                accepted("WI-3", "DATABASE", "dave", WI_3_REPORTED.plusSeconds(1200)),
                resolved("WI-3", "DATABASE", "dave", WI_3_REPORTED.plusSeconds(3600)));
    }

    private static IncidentEvent[] handledIn150Minutes(String id, String category, IncidentEvent report,
                                                       String group) {
        Instant at = report.occurredAt();
        return new IncidentEvent[] {
                report,
                assigned(id, group, "sam", at.plusSeconds(600)),
                accepted(id, group, "sam", at.plusSeconds(1200)),
                resolved(id, group, "sam", at.plusSeconds(150 * 60))};
    }

    private MockHttpServletResponse whatIf(ApiUser user, String body) throws Exception {
        return perform(user, post("/api/analytics/what-if").contentType(MediaType.APPLICATION_JSON).content(body))
                .getResponse();
    }

    /** Sends a what-if request, checks the status and returns the body as JSON. */
    private JsonNode whatIf(ApiUser user, String body, int expectedStatus) throws Exception {
        MockHttpServletResponse response = whatIf(user, body);
        String content = response.getContentAsString();
        assertThat(response.getStatus()).as("status of what-if %s as %s with body %s", body, user.name(), content)
                .isEqualTo(expectedStatus);
        return json.readTree(content);
    }

    private static String byIds(String policy, String... ids) {
        String list = List.of(ids).stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return "{\"incidentIds\":[" + list + "],\"policy\":" + policy + "}";
    }

    private static JsonNode incident(JsonNode report, String id) {
        for (JsonNode incident : report.get("incidents")) {
            if (incident.get("incidentId").asText().equals(id)) {
                return incident;
            }
        }
        throw new AssertionError("no incident " + id + " in " + report);
    }

    private static List<String> incidentIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("incidents").forEach(incident -> ids.add(incident.get("incidentId").asText()));
        return ids;
    }

    @Test
    void scenarioRecordsOneMetOneBreached() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, byIds(BY_V2, "WI-1", "WI-2"), 200);

        JsonNode recorded = report.get("summary").get("resolution").get("recorded");
        assertThat(recorded.get("met").asInt()).isEqualTo(1);
        assertThat(recorded.get("breached").asInt()).isEqualTo(1);
        assertThat(recorded.get("compliancePercent").asDouble()).isEqualTo(50.0);
        JsonNode first = incident(report, "WI-1").get("recorded");
        assertThat(first.get("terms").get("policyVersion").asInt()).isEqualTo(1);
        assertThat(first.get("resolution").get("outcome").asText()).isEqualTo("MET");
        assertThat(Duration.parse(first.get("resolution").get("elapsed").asText())).isEqualTo(Duration.ofMinutes(150));
        // 240 business minutes from 09:00 local time end at 13:00, 12:00 UTC.
        assertThat(first.get("resolution").get("dueAt").asText()).isEqualTo("2025-03-03T12:00:00Z");
        JsonNode second = incident(report, "WI-2").get("recorded");
        assertThat(second.get("terms").get("policyVersion").asInt()).isEqualTo(2);
        assertThat(second.get("resolution").get("outcome").asText()).isEqualTo("BREACHED");
        assertThat(second.get("resolution").get("breachAt").asText()).isEqualTo("2025-03-10T10:00:00Z");
    }

    @Test
    void underVersion2NeitherIsResolvedInTime() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, byIds(BY_V2, "WI-1", "WI-2"), 200);

        JsonNode alternative = report.get("alternative");
        assertThat(alternative.get("policyId").asText()).isEqualTo("standard");
        assertThat(alternative.get("policyVersion").asInt()).isEqualTo(2);
        assertThat(alternative.get("calendarId").asText()).isEqualTo("EMEA");
        assertThat(alternative.get("calendarVersion").asInt()).isEqualTo(1);
        assertThat(alternative.get("zone").asText()).isEqualTo("Europe/Amsterdam");
        JsonNode whatIf = report.get("summary").get("resolution").get("whatIf");
        assertThat(whatIf.get("met").asInt()).isZero();
        assertThat(whatIf.get("breached").asInt()).isEqualTo(2);
        assertThat(whatIf.get("compliancePercent").asDouble()).isEqualTo(0.0);
        JsonNode first = incident(report, "WI-1").get("whatIf").get("resolution");
        assertThat(first.get("outcome").asText()).isEqualTo("BREACHED");
        // 120 business minutes from 09:00 local time end at 11:00, 10:00 UTC.
        assertThat(first.get("breachAt").asText()).isEqualTo("2025-03-03T10:00:00Z");
        assertThat(first.get("dueAt").asText()).isEqualTo("2025-03-03T10:00:00Z");
        assertThat(incident(report, "WI-2").get("whatIf").get("resolution").get("outcome").asText())
                .isEqualTo("BREACHED");
    }

    @Test
    void underVersion1BothAreResolvedInTime() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, byIds(BY_V1, "WI-1", "WI-2"), 200);

        JsonNode whatIf = report.get("summary").get("resolution").get("whatIf");
        assertThat(whatIf.get("met").asInt()).isEqualTo(2);
        assertThat(whatIf.get("breached").asInt()).isZero();
        assertThat(whatIf.get("compliancePercent").asDouble()).isEqualTo(100.0);
        JsonNode second = incident(report, "WI-2").get("whatIf").get("resolution");
        assertThat(second.get("outcome").asText()).isEqualTo("MET");
        assertThat(second.get("breachAt").isNull()).isTrue();
        assertThat(second.get("dueAt").asText()).isEqualTo("2025-03-10T12:00:00Z");
    }

    @Test
    void recordedFiguresStayAfterWhatIfs() throws Exception {
        awaitCaughtUp();
        whatIf(ANA, byIds(BY_V2, "WI-1", "WI-2"), 200);
        whatIf(ANA, byIds(BY_V1, "WI-1", "WI-2"), 200);

        JsonNode report = whatIf(ANA, byIds(BY_V1, "WI-1", "WI-2"), 200);

        JsonNode recorded = report.get("summary").get("resolution").get("recorded");
        assertThat(recorded.get("met").asInt()).isEqualTo(1);
        assertThat(recorded.get("breached").asInt()).isEqualTo(1);
        assertThat(incident(report, "WI-1").get("recorded").get("resolution").get("outcome").asText())
                .isEqualTo("MET");
        assertThat(incident(report, "WI-2").get("recorded").get("resolution").get("outcome").asText())
                .isEqualTo("BREACHED");
    }

    @Test
    void responseIsMetOnBothSides() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, byIds(BY_V2, "WI-1", "WI-2"), 200);

        JsonNode response = report.get("summary").get("response");
        assertThat(response.get("recorded").get("compliancePercent").asDouble()).isEqualTo(100.0);
        assertThat(response.get("whatIf").get("compliancePercent").asDouble()).isEqualTo(100.0);
        JsonNode clock = incident(report, "WI-1").get("whatIf").get("response");
        assertThat(clock.get("outcome").asText()).isEqualTo("MET");
        assertThat(Duration.parse(clock.get("elapsed").asText())).isEqualTo(Duration.ofMinutes(10));
        assertThat(Duration.parse(clock.get("target").asText())).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void whatIfChangesNoEventOrReadModel() throws Exception {
        awaitCaughtUp();
        long events = countEvents();
        Map<String, List<Document>> readModels = readModels();

        whatIf(ANA, byIds(BY_V2, "WI-1", "WI-2", "WI-3"), 200);
        whatIf(ANA, "{\"from\":\"2025-01-01T00:00:00Z\",\"policy\":" + BY_V1 + "}", 200);
        whatIf(ANA, byIds("{\"id\":\"standard\",\"version\":9}", "WI-1"), 404);

        assertThat(countEvents()).isEqualTo(events);
        assertThat(readModels()).isEqualTo(readModels);
    }

    private long countEvents() throws Exception {
        try (Connection connection = DriverManager.getConnection(STORES.events().url(), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Returns every document of every collection except the tracking tokens, whose claims the processors renew. */
    private Map<String, List<Document>> readModels() {
        MongoDatabase database = STORES.mongo().client().getDatabase(InMemoryMongo.DATABASE);
        Map<String, List<Document>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (!name.equals("trackingtokens")) {
                collections.put(name, database.getCollection(name).find().sort(new Document("_id", 1))
                        .into(new ArrayList<>()));
            }
        }
        assertThat(collections).containsKeys("incident_summaries", "business_calendars", "service_level_policies");
        return collections;
    }

    @Test
    void incidentWithoutTermsHasNoRecordedSide() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, byIds(BY_V2, "WI-3"), 200);

        JsonNode incident = incident(report, "WI-3");
        assertThat(incident.get("recorded").isNull()).isTrue();
        assertThat(incident.get("whatIf").get("resolution").get("outcome").asText()).isEqualTo("MET");
        assertThat(Duration.parse(incident.get("whatIf").get("resolution").get("elapsed").asText()))
                .isEqualTo(Duration.ofMinutes(60));
        JsonNode summary = report.get("summary");
        assertThat(summary.get("incidents").asInt()).isEqualTo(1);
        assertThat(summary.get("incidentsWithoutRecordedTerms").asInt()).isEqualTo(1);
        assertThat(summary.get("resolution").get("recorded").get("compliancePercent").isNull()).isTrue();
        assertThat(summary.get("resolution").get("whatIf").get("compliancePercent").asDouble()).isEqualTo(100.0);
    }

    @Test
    void inlinePolicyAndCalendarApply() throws Exception {
        awaitCaughtUp();
        // Open one hour a day, 09:00-10:00 UTC: WI-1, worked 08:00-10:30 UTC, counts 60 minutes of its 150.
        String body = "{\"incidentIds\":[\"WI-1\"],"
                + "\"policy\":{\"targets\":{"
                + "\"P1\":{\"response\":\"PT5M\",\"resolution\":\"PT30M\"},"
                + "\"P2\":{\"response\":\"PT5M\",\"resolution\":\"PT30M\"},"
                + "\"P3_MODERATE\":{\"response\":\"PT5M\",\"resolution\":\"PT50M\"},"
                + "\"P4\":{\"response\":\"PT5M\",\"resolution\":\"PT30M\"},"
                + "\"P5\":{\"response\":\"PT5M\",\"resolution\":\"PT30M\"}},\"warningThreshold\":0.5},"
                + "\"calendar\":{\"zone\":\"UTC\",\"openingHours\":{\"MONDAY\":[\"09:00-10:00\"]},\"holidays\":[]}}";

        JsonNode report = whatIf(ANA, body, 200);

        JsonNode alternative = report.get("alternative");
        assertThat(alternative.get("policyId").isNull()).isTrue();
        assertThat(alternative.get("calendarId").isNull()).isTrue();
        assertThat(alternative.get("zone").asText()).isEqualTo("UTC");
        JsonNode resolution = incident(report, "WI-1").get("whatIf").get("resolution");
        assertThat(Duration.parse(resolution.get("elapsed").asText())).isEqualTo(Duration.ofMinutes(60));
        assertThat(resolution.get("outcome").asText()).isEqualTo("BREACHED");
        // 50 minutes from the opening at 09:00.
        assertThat(resolution.get("breachAt").asText()).isEqualTo("2025-03-03T09:50:00Z");
        // Nothing of the response clock, 08:10-08:20, lies within the opening hours.
        JsonNode response = incident(report, "WI-1").get("whatIf").get("response");
        assertThat(Duration.parse(response.get("elapsed").asText())).isEqualTo(Duration.ZERO);
        assertThat(response.get("outcome").asText()).isEqualTo("MET");
    }

    @Test
    void calendarReferenceReplacesPolicyCalendar() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, "{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1
                + ",\"calendar\":{\"id\":\"EMEA\"}}", 200);

        assertThat(report.get("alternative").get("calendarVersion").asInt()).isEqualTo(1);
        assertThat(incident(report, "WI-1").get("whatIf").get("resolution").get("outcome").asText())
                .isEqualTo("MET");
    }

    @Test
    void periodIsHalfOpen() throws Exception {
        awaitCaughtUp();

        JsonNode report = whatIf(ANA, "{\"from\":\"" + WI_1_REPORTED + "\",\"to\":\"" + WI_2_REPORTED
                + "\",\"policy\":" + BY_V2 + "}", 200);

        assertThat(incidentIds(report)).containsExactly("WI-1", "WI-3");
    }

    @Test
    void equalityFiltersSelect() throws Exception {
        awaitCaughtUp();

        assertThat(incidentIds(whatIf(ANA, "{\"group\":\"NETWORK\",\"policy\":" + BY_V2 + "}", 200)))
                .containsExactly("WI-1", "WI-2");
        assertThat(incidentIds(whatIf(ANA, "{\"category\":\"database\",\"policy\":" + BY_V2 + "}", 200)))
                .containsExactly("WI-3");
        assertThat(incidentIds(whatIf(ANA, "{\"priority\":\"P3\",\"group\":\"DATABASE\",\"policy\":" + BY_V2
                + "}", 200))).containsExactly("WI-3");
        assertThat(incidentIds(whatIf(ANA, "{\"priority\":\"P1_CRITICAL\",\"policy\":" + BY_V2 + "}", 200)))
                .isEmpty();
    }

    @Test
    void unknownPolicyVersionGets404() throws Exception {
        JsonNode problem = whatIf(ANA, byIds("{\"id\":\"standard\",\"version\":3}", "WI-1"), 404);

        assertThat(problem.get("code").asText()).isEqualTo("SERVICE_LEVEL_POLICY_NOT_FOUND");
        assertThat(problem.get("policyId").asText()).isEqualTo("standard");
        assertThat(problem.get("version").asInt()).isEqualTo(3);
    }

    @Test
    void unknownCalendarVersionGets404() throws Exception {
        awaitCaughtUp();

        JsonNode problem = whatIf(ANA, "{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1
                + ",\"calendar\":{\"id\":\"EMEA\",\"version\":2}}", 404);

        assertThat(problem.get("code").asText()).isEqualTo("BUSINESS_CALENDAR_NOT_FOUND");
        assertThat(problem.get("calendarId").asText()).isEqualTo("EMEA");
    }

    @Test
    void unknownIncidentGets404() throws Exception {
        awaitCaughtUp();

        JsonNode problem = whatIf(ANA, byIds(BY_V1, "WI-1", "NOPE-1", "NOPE-2"), 404);

        assertThat(problem.get("code").asText()).isEqualTo("INCIDENT_NOT_FOUND");
        assertThat(problem.get("incidentIds").toString()).isEqualTo("[\"NOPE-1\",\"NOPE-2\"]");
        assertThat(problem.get("detail").asText()).contains("NOPE-1, NOPE-2");
    }

    @Test
    void tooManyIdsGet400() throws Exception {
        String[] ids = IntStream.rangeClosed(1, 1001).mapToObj(i -> "INC-" + i).toArray(String[]::new);

        JsonNode problem = whatIf(ANA, byIds(BY_V1, ids), 400);

        assertThat(problem.get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(problem.get("field").asText()).isEqualTo("incidentIds");
        assertThat(problem.get("detail").asText()).contains("at most 1000");
    }

    @Test
    void repeatedIdsCountOnceTowardsLimit() throws Exception {
        awaitCaughtUp();
        String[] ids = IntStream.range(0, 5000).mapToObj(i -> "WI-1").toArray(String[]::new);

        JsonNode report = whatIf(ANA, byIds(BY_V1, ids), 200);

        assertThat(incidentIds(report)).containsExactly("WI-1");
    }

    @Test
    void termsClocksCannotCountGet400() throws Exception {
        awaitCaughtUp();
        String targets = "\"P1\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"},"
                + "\"P2\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"},"
                + "\"P4\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"},"
                + "\"P5\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"}";
        String mondayHolidays = IntStream.range(0, 700)
                .mapToObj(week -> "\"" + WI_1_REPORTED.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                        .minusWeeks(10).plusWeeks(week) + "\"")
                .collect(Collectors.joining(","));
        Map<String, String> fieldByBody = new TreeMap<>(Map.of(
                byIds(BY_V1, "WI-1").replace("}}", "},\"calendar\":{\"id\":\"CLOSED\"}}"), "calendar",
                byIds("{\"id\":\"closed\"}", "WI-1"), "policy",
                byIds("{\"id\":\"huge\"}", "WI-1"), "policy",
                "{\"incidentIds\":[\"WI-1\"],\"policy\":{\"targets\":{" + targets
                        + ",\"P3\":{\"response\":\"PT5M\",\"resolution\":\"PT99999999999H\"}}},"
                        + "\"calendar\":{\"id\":\"EMEA\"}}", "policy.targets.P3_MODERATE.resolution",
                byIds(BY_V1, "WI-1").replace("}}", "},\"calendar\":{\"zone\":\"UTC\","
                        + "\"openingHours\":{\"MONDAY\":[\"09:00-17:00\"]},\"holidays\":[" + mondayHolidays
                        + "]}}"), "calendar"));

        for (Map.Entry<String, String> entry : fieldByBody.entrySet()) {
            JsonNode problem = whatIf(ANA, entry.getKey(), 400);
            String body = entry.getKey().substring(0, Math.min(200, entry.getKey().length()));
            assertThat(problem.get("code").asText()).as("code for %s", body).isEqualTo("INVALID_INPUT");
            assertThat(problem.get("field").asText()).as("field for %s", body).isEqualTo(entry.getValue());
            assertThat(problem.get("value").isNull()).as("value for %s", body).isFalse();
            assertThat(problem.get("detail").asText()).as("detail for %s", body)
                    .startsWith("Invalid what-if request: " + entry.getValue());
        }
    }

    @Test
    void invalidBodiesGet400NamingField() throws Exception {
        String targets = "\"P1\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"},"
                + "\"P2\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"},"
                + "\"P4\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"},"
                + "\"P5\":{\"response\":\"PT5M\",\"resolution\":\"PT1H\"}";
        String calendar = ",\"calendar\":{\"id\":\"EMEA\"}";
        Map<String, String> fieldByBody = new TreeMap<>(Map.ofEntries(
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":{\"targets\":{" + targets
                        + ",\"P3\":{\"response\":\"PT5M\",\"resolution\":\"4 hours\"}}}" + calendar + "}",
                        "policy.targets.P3.resolution"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":{\"targets\":{" + targets
                        + ",\"P3\":{\"response\":\"-PT5M\",\"resolution\":\"PT4H\"}}}" + calendar + "}",
                        "policy.targets.P3.response"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":{\"targets\":{" + targets + "}}" + calendar
                        + "}", "policy.targets.P3_MODERATE"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":{\"targets\":{" + targets
                        + ",\"P3\":{\"response\":\"PT5M\",\"resolution\":\"PT4H\"}}}}", "calendar"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":{\"targets\":{" + targets
                        + ",\"P3\":{\"response\":\"PT5M\",\"resolution\":\"PT4H\"}},\"warningThreshold\":1.5}"
                        + calendar + "}", "policy.warningThreshold"),
                Map.entry("{\"incidentIds\":[\"WI-1\"]}", "policy"),
                Map.entry("{\"policy\":" + BY_V1 + "}", "incidentIds"),
                Map.entry("{\"incidentIds\":[],\"policy\":" + BY_V1 + "}", "incidentIds"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"group\":\"NETWORK\",\"policy\":" + BY_V1 + "}", "group"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1 + ",\"asOf\":\"now\"}", "asOf"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":{\"id\":\"standard\",\"version\":0}}",
                        "policy.version"),
                Map.entry("{\"incidentIds\":[42],\"policy\":" + BY_V1 + "}", "incidentIds[0]"),
                Map.entry("{\"from\":\"2025-03-10T00:00:00Z\",\"to\":\"2025-03-01T00:00:00Z\",\"policy\":" + BY_V1
                        + "}", "to"),
                Map.entry("{\"from\":\"yesterday\",\"policy\":" + BY_V1 + "}", "from"),
                Map.entry("{\"priority\":\"P9\",\"policy\":" + BY_V1 + "}", "priority"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1
                        + ",\"calendar\":{\"zone\":\"Mars/Olympus\",\"openingHours\":{\"MONDAY\":[\"09:00-17:00\"]}}}",
                        "calendar"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1
                        + ",\"calendar\":{\"zone\":\"UTC\",\"openingHours\":{\"MONDAY\":[\"17:00-09:00\"]}}}",
                        "calendar.openingHours.MONDAY[0]"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1
                        + ",\"calendar\":{\"zone\":\"UTC\",\"openingHours\":{}}}", "calendar.openingHours"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"incidentIds\":[\"WI-2\"],\"policy\":" + BY_V1 + "}",
                        "body"),
                Map.entry("{\"incidentIds\":[\"WI-1\"],\"policy\":" + BY_V1 + "} {}", "body"),
                Map.entry("", "body")));

        for (Map.Entry<String, String> entry : fieldByBody.entrySet()) {
            JsonNode problem = whatIf(ANA, entry.getKey(), 400);
            assertThat(problem.get("code").asText()).as("code for %s", entry.getKey()).isEqualTo("INVALID_INPUT");
            assertThat(problem.get("field").asText()).as("field for %s", entry.getKey()).isEqualTo(entry.getValue());
            assertThat(problem.get("detail").asText()).as("detail for %s", entry.getKey())
                    .startsWith("Invalid what-if request: " + entry.getValue());
        }
    }

    @Test
    void bodyOver1MiBGets413() throws Exception {
        String body = "{\"category\":\"" + "x".repeat(1024 * 1024) + "\",\"policy\":" + BY_V1 + "}";

        JsonNode problem = whatIf(ANA, body, 413);

        assertThat(problem.get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void otherContentTypeGets415() throws Exception {
        MockHttpServletResponse response = perform(ANA, post("/api/analytics/what-if")
                .contentType(MediaType.TEXT_PLAIN).content(byIds(BY_V1, "WI-1"))).getResponse();

        assertThat(response.getStatus()).isEqualTo(415);
    }

    @Test
    void onlyManagersAnalystsAndAdminsRun() throws Exception {
        awaitCaughtUp();

        for (String user : List.of("rita", "sam", "alice", "audrey")) {
            JsonNode problem = whatIf(ApiUser.basic(user), byIds(BY_V1, "WI-1"), 403);
            assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        }
        whatIf(ApiUser.basic("adam"), byIds(BY_V1, "WI-1", "WI-3"), 200);
        whatIf(ANA, byIds(BY_V1, "WI-1", "WI-3"), 200);
    }

    @Test
    void managerJudgesOnlyManagedGroups() throws Exception {
        awaitCaughtUp();

        whatIf(MONA, byIds(BY_V1, "WI-1", "WI-2"), 200);
        JsonNode problem = whatIf(MONA, byIds(BY_V1, "WI-1", "WI-3"), 403);
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("detail").asText()).contains("WI-3").doesNotContain("WI-1");

        assertThat(incidentIds(whatIf(MONA, "{\"from\":\"2025-01-01T00:00:00Z\",\"policy\":" + BY_V1 + "}", 200)))
                .containsExactly("WI-1", "WI-2");
        JsonNode groupProblem = whatIf(MONA, "{\"group\":\"DATABASE\",\"policy\":" + BY_V1 + "}", 403);
        assertThat(groupProblem.get("detail").asText()).contains("DATABASE");
    }
}
