package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.command.servicelevel.ServiceLevelStreams;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendars and policy versions over HTTP with the real event store and deadline scheduler. What is saved reaches
 * the store as entered, and new reports record the terms in effect and get warnings and breaches on time. Bad input
 * gets problem details and changes nothing, and only managers and admins may change service levels. Each test that
 * publishes a version makes it effective one second before its own reports, so it is the version in effect for them
 * whatever the order of the tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "incidents.store.deadline-polling-interval=PT0.2S")
class ServiceLevelApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String TARGETS = """
            {"P1": {"response": "PT15M", "resolution": "PT4H", "supportGroupResponse": "PT10M"},
             "P2": {"response": "PT30M", "resolution": "PT8H"},
             "P3": {"response": "PT1H", "resolution": "PT24H"},
             "P4": {"response": "PT4H", "resolution": "PT72H"},
             "P5": {"response": "PT8H", "resolution": "PT120H"}}""";

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private static Path dataDir;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "service-level-api-test");
    }

    /** Returns a zone other than the JVM's default, so a conversion to the server's zone would show. */
    private static String otherZone() {
        return ZoneId.systemDefault().getId().equals("America/Sao_Paulo") ? "Asia/Kolkata" : "America/Sao_Paulo";
    }

    private static String calendarId() {
        return "CAL-" + IDS.incrementAndGet();
    }

    @Test
    void seedFileProvidesStandardPolicy() {
        List<ServiceLevelPolicyPublished> versions = policyVersions("standard");

        assertThat(versions).isNotEmpty();
        ServiceLevelPolicyPublished first = versions.get(0);
        assertThat(first.policy().version()).isEqualTo(1);
        assertThat(first.policy().effectiveFrom()).isEqualTo(Instant.EPOCH);
        assertThat(first.calendarId()).isEqualTo("24x7");
        assertThat(first.policy().targetsFor(Priority.P1_CRITICAL).response()).isEqualTo(Duration.ofMinutes(15));
        assertThat(first.policy().targetsFor(Priority.P5_PLANNING).resolution()).isEqualTo(Duration.ofHours(120));
        assertThat(first.policy().warningThreshold()).isEqualTo(0.75);
        assertThat(first.actor().user().value()).isEqualTo("system:service-levels-file/v1");
    }

    @Test
    void calendarKeepsZoneAndLocalTimesAsEntered() throws Exception {
        String id = calendarId();
        String zone = otherZone();
        String body = "{\"zone\": \"" + zone + "\", \"openingHours\": {\"MONDAY\": [\"09:00-12:00\", \"13:00-17:30\"],"
                + " \"SATURDAY\": [\"22:00-24:00\"]}, \"holidays\": [\"2025-12-25\"]}";

        HttpResponse<String> saved = send("adam", "PUT", "/api/service-levels/calendars/" + id, body);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).get("version").asInt()).isEqualTo(1);
        List<BusinessCalendarSaved> stored = calendarVersions(id);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).calendar().zoneId()).isEqualTo(zone);
        assertThat(stored.get(0).calendar().openingHours().get(DayOfWeek.MONDAY)).containsExactly(
                OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("13:00-17:30"));
        assertThat(stored.get(0).calendar().openingHours().get(DayOfWeek.SATURDAY)).containsExactly(
                OpeningInterval.parse("22:00-24:00"));
        assertThat(stored.get(0).calendar().holidays()).containsExactly(LocalDate.of(2025, 12, 25));
        assertThat(stored.get(0).actor().user().value()).isEqualTo("adam");
    }

    @Test
    void sameCalendarAgainAddsNoVersion() throws Exception {
        String id = calendarId();
        String body = "{\"zone\": \"Europe/Warsaw\", \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"]}}";
        assertThat(send("mike", "PUT", "/api/service-levels/calendars/" + id, body).statusCode()).isEqualTo(200);

        HttpResponse<String> again = send("mike", "PUT", "/api/service-levels/calendars/" + id, body);
        HttpResponse<String> changed = send("mike", "PUT", "/api/service-levels/calendars/" + id,
                "{\"zone\": \"Europe/Warsaw\", \"openingHours\": {\"MONDAY\": [\"08:00-17:00\"]}}");

        assertThat(JSON.readTree(again.body()).get("version").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(again.body()).get("changed").asBoolean()).isFalse();
        assertThat(JSON.readTree(changed.body()).get("version").asInt()).isEqualTo(2);
        assertThat(calendarVersions(id)).extracting(BusinessCalendarSaved::version).containsExactly(1, 2);
    }

    @Test
    void publishedVersionAppliesToNewReports() throws Exception {
        String customer = calendarId();
        String groupCalendar = calendarId();
        String zone = otherZone();
        assertThat(send("adam", "PUT", "/api/service-levels/calendars/" + customer, "{\"zone\": \"" + zone
                + "\", \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"], \"TUESDAY\": [\"09:00-17:00\"]}}")
                .statusCode()).isEqualTo(200);
        assertThat(send("adam", "PUT", "/api/service-levels/calendars/" + groupCalendar,
                "{\"zone\": \"Asia/Tokyo\", \"openingHours\": {\"MONDAY\": [\"00:00-24:00\"]}}").statusCode())
                .isEqualTo(200);
        Instant effectiveFrom = Instant.now().minusSeconds(1);
        // A report before the publication has the catalogue read the policy, so the later report shows that the
        // catalogue follows new versions.
        int earlierVersion = termsOf(reportToNet()).policy().version();

        HttpResponse<String> published = send("mike", "POST", "/api/service-levels/policies/standard/versions",
                "{\"effectiveFrom\": \"" + effectiveFrom + "\", \"calendar\": \"" + customer + "\","
                        + " \"supportGroupCalendars\": {\"NET\": \"" + groupCalendar + "\"}, \"targets\": " + TARGETS
                        + ", \"warningThreshold\": 0.5}");

        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        int version = JSON.readTree(published.body()).get("version").asInt();
        assertThat(version).isGreaterThan(earlierVersion);
        assertThat(published.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/api/service-levels/policies/standard/versions/" + version));

        ServiceLevelTerms terms = termsOf(reportToNet());
        assertThat(terms).isNotNull();
        assertThat(terms.policy().id()).isEqualTo("standard");
        assertThat(terms.policy().version()).isEqualTo(version);
        assertThat(terms.policy().warningThreshold()).isEqualTo(0.5);
        assertThat(terms.policy().targetsFor(Priority.P1_CRITICAL).supportGroupResponse())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(terms.customerCalendar().id()).isEqualTo(customer);
        assertThat(terms.customerCalendar().calendar().zoneId()).isEqualTo(zone);
        assertThat(terms.supportGroupCalendars().get("NET").id()).isEqualTo(groupCalendar);
        assertThat(terms.supportGroupCalendars().get("NET").calendar().zoneId()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void unacceptedIncidentGetsWarningAndBreach() throws Exception {
        HttpResponse<String> published = send("adam", "POST", "/api/service-levels/policies/standard/versions",
                "{\"effectiveFrom\": \"" + Instant.now().minusSeconds(1) + "\", \"calendar\": \"24x7\","
                        + " \"targets\": " + TARGETS.replace("\"PT30M\"", "\"PT4S\"") + ", \"warningThreshold\": 0.5}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        int version = JSON.readTree(published.body()).get("version").asInt();

        HttpResponse<String> reported = send("desk", "POST", "/api/incidents", """
                {"summary": "Router down", "requester": "rita", "impact": "HIGH", "urgency": "MEDIUM",
                 "assignedGroup": "NET"}""");
        String incidentId = JSON.readTree(reported.body()).get("incidentId").asText();
        Instant reportedAt = ((IncidentReported) eventStore.readEvents(incidentId).asStream()
                .map(DomainEventMessage::getPayload).findFirst().orElseThrow()).occurredAt();

        List<Object> events = List.of();
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)
                && events.stream().filter(ServiceLevelBreached.class::isInstance).count() < 2) {
            Thread.sleep(200);
            events = eventStore.readEvents(incidentId).asStream().map(DomainEventMessage::getPayload)
                    .map(Object.class::cast).toList();
        }

        ServiceLevelWarningRaised warning = events.stream().filter(ServiceLevelWarningRaised.class::isInstance)
                .map(ServiceLevelWarningRaised.class::cast)
                .filter(event -> event.clock() == ServiceLevelClockKind.RESPONSE).findFirst().orElseThrow();
        ServiceLevelBreached breach = events.stream().filter(ServiceLevelBreached.class::isInstance)
                .map(ServiceLevelBreached.class::cast)
                .filter(event -> event.clock() == ServiceLevelClockKind.RESPONSE).findFirst().orElseThrow();
        ServiceLevelBreached stintBreach = events.stream().filter(ServiceLevelBreached.class::isInstance)
                .map(ServiceLevelBreached.class::cast)
                .filter(event -> event.clock() == ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE).findFirst()
                .orElseThrow();
        assertThat(warning.priority()).isEqualTo(Priority.P2_HIGH);
        assertThat(warning.occurredAt()).isEqualTo(reportedAt.plusSeconds(2));
        assertThat(breach.clock()).isEqualTo(ServiceLevelClockKind.RESPONSE);
        assertThat(breach.target()).isEqualTo(Duration.ofSeconds(4));
        assertThat(breach.occurredAt()).isEqualTo(reportedAt.plusSeconds(4));
        assertThat(breach.policyVersion()).isEqualTo(version);
        assertThat(breach.actor().user().value()).isEqualTo("system:service-level/standard-v" + version);
        assertThat(stintBreach.group().value()).isEqualTo("NET");
        assertThat(stintBreach.occurredAt()).isEqualTo(reportedAt.plusSeconds(4));
    }

    @Test
    void badCalendarsGet400AndChangeNothing() throws Exception {
        String id = calendarId();
        Map<String, String> badBodies = Map.of(
                "{\"zone\": \"Mars/Olympus\"}", "Mars/Olympus",
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"9-17\"]}}", "9-17",
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAYS\": [\"09:00-17:00\"]}}", "MONDAYS",
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"09:00-13:00\", \"12:00-17:00\"]}}", "overlap",
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"17:00-09:00\"]}}", "17:00-09:00",
                "{\"zone\": \"UTC\", \"holidays\": [\"2025-13-45\"]}", "2025-13-45",
                "{\"openingHours\": {}}", "zone",
                "{\"zone\": \"UTC\", \"colour\": \"red\"}", "colour");

        for (Map.Entry<String, String> bad : badBodies.entrySet()) {
            HttpResponse<String> response = send("adam", "PUT", "/api/service-levels/calendars/" + id, bad.getKey());

            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("code").asText()).as(bad.getKey()).isEqualTo("INVALID_INPUT");
            assertThat(problem.toString()).as(bad.getKey()).contains(bad.getValue());
        }
        HttpResponse<String> badId = send("adam", "PUT", "/api/service-levels/calendars/-leading-dash",
                "{\"zone\": \"UTC\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badId.body()).get("detail").asText()).contains("-leading-dash");

        assertThat(calendarVersions(id)).isEmpty();
        assertThat(calendarVersions("-leading-dash")).isEmpty();
    }

    @Test
    void badPolicyVersionsGet400AndChangeNothing() throws Exception {
        int versionsBefore = policyVersions("standard").size();
        String valid = "\"effectiveFrom\": \"2025-03-10T00:00:00Z\", \"calendar\": \"24x7\"";
        String allButP5 = TARGETS.substring(0, TARGETS.indexOf(",\n \"P5\"")) + "}";
        Map<String, String> badBodies = Map.ofEntries(
                Map.entry("{" + valid + ", \"targets\": " + allButP5 + "}", "P5"),
                Map.entry("{" + valid + ", \"targets\": " + TARGETS.replace("\"PT15M\"", "\"PT0S\"") + "}",
                        "targets.P1.response"),
                Map.entry("{" + valid + ", \"targets\": " + TARGETS.replace("\"PT4H\"", "\"4 hours\"") + "}",
                        "4 hours"),
                Map.entry("{" + valid + ", \"targets\": " + TARGETS.replace("\"P1\"", "\"P6\"") + "}", "P6"),
                Map.entry("{" + valid + ", \"targets\": " + TARGETS + ", \"warningThreshold\": 0}", "0.0"),
                Map.entry("{" + valid + ", \"targets\": " + TARGETS + ", \"warningThreshold\": 1.5}", "1.5"),
                Map.entry("{\"effectiveFrom\": \"2025-03-10T00:00:00Z\", \"calendar\": \"NOWHERE\", \"targets\": "
                        + TARGETS + "}", "NOWHERE"),
                Map.entry("{" + valid + ", \"supportGroupCalendars\": {\"NO-GROUP\": \"24x7\"}, \"targets\": "
                        + TARGETS + "}", "NO-GROUP"),
                Map.entry("{" + valid + ", \"supportGroupCalendars\": {\"NET\": \"NO-CALENDAR\"}, \"targets\": "
                        + TARGETS + "}", "NO-CALENDAR"),
                Map.entry("{\"calendar\": \"24x7\", \"targets\": " + TARGETS + "}", "effectiveFrom"),
                Map.entry("{\"effectiveFrom\": 1741564800, \"calendar\": \"24x7\", \"targets\": " + TARGETS + "}",
                        "effectiveFrom"));

        for (Map.Entry<String, String> bad : badBodies.entrySet()) {
            HttpResponse<String> response = send("adam", "POST", "/api/service-levels/policies/standard/versions",
                    bad.getKey());

            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("code").asText()).as(bad.getKey()).isEqualTo("INVALID_INPUT");
            assertThat(problem.toString()).as(bad.getKey()).contains(bad.getValue());
        }

        assertThat(policyVersions("standard")).hasSize(versionsBefore);
    }

    @Test
    void onlyManagersAndAdminsChangeServiceLevels() throws Exception {
        String id = calendarId();
        String calendar = "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"]}}";
        int versionsBefore = policyVersions("standard").size();

        for (String user : List.of("anna", "desk", "rita", "audrey", "ana")) {
            HttpResponse<String> put = send(user, "PUT", "/api/service-levels/calendars/" + id, calendar);
            HttpResponse<String> post = send(user, "POST", "/api/service-levels/policies/standard/versions",
                    "{\"effectiveFrom\": \"2025-03-10T00:00:00Z\", \"calendar\": \"24x7\", \"targets\": " + TARGETS
                            + "}");

            assertThat(put.statusCode()).as(user).isEqualTo(403);
            assertThat(JSON.readTree(put.body()).get("code").asText()).as(user).isEqualTo("NOT_PERMITTED");
            assertThat(post.statusCode()).as(user).isEqualTo(403);
        }

        assertThat(calendarVersions(id)).isEmpty();
        assertThat(policyVersions("standard")).hasSize(versionsBefore);
    }

    @Test
    void promiseThroughRestIsRecorded() throws Exception {
        HttpResponse<String> reported = send("desk", "POST", "/api/incidents", """
                {"summary": "Mail slow", "requester": "rita", "impact": "LOW", "urgency": "LOW",
                 "assignedGroup": "NET"}""");
        String incidentId = JSON.readTree(reported.body()).get("incidentId").asText();
        Instant promisedFor = Instant.now().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> promised = send("anna", "POST", "/api/incidents/" + incidentId + "/resolution-promise",
                "{\"promisedFor\": \"" + promisedFor + "\"}");
        HttpResponse<String> past = send("anna", "POST", "/api/incidents/" + incidentId + "/resolution-promise",
                "{\"promisedFor\": \"2020-01-01T00:00:00Z\"}");
        HttpResponse<String> missing = send("anna", "POST", "/api/incidents/" + incidentId + "/resolution-promise",
                "{}");
        HttpResponse<String> otherGroup = send("dave", "POST", "/api/incidents/" + incidentId
                + "/resolution-promise", "{\"promisedFor\": \"" + promisedFor + "\"}");

        assertThat(promised.statusCode()).as(promised.body()).isEqualTo(200);
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(past.body()).get("detail").asText()).contains("2020-01-01T00:00:00Z");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(otherGroup.statusCode()).isEqualTo(403);
        List<ResolutionPromised> promises = eventStore.readEvents(incidentId).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(ResolutionPromised.class::isInstance).map(ResolutionPromised.class::cast).toList();
        assertThat(promises).hasSize(1);
        assertThat(promises.get(0).promisedFor()).isEqualTo(promisedFor);
        assertThat(promises.get(0).actor().user().value()).isEqualTo("anna");
    }

    @Test
    void calendarWithoutOpeningIntervalGets400() throws Exception {
        String id = calendarId();

        for (String body : List.of("{\"zone\": \"UTC\"}", "{\"zone\": \"UTC\", \"openingHours\": {}}",
                "{\"zone\": \"UTC\", \"openingHours\": null}",
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [], \"SUNDAY\": []}}")) {
            HttpResponse<String> response = send("adam", "PUT", "/api/service-levels/calendars/" + id, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            String detail = JSON.readTree(response.body()).get("detail").asText();
            assertThat(detail).as(body).contains("calendar " + id);
            assertThat(detail).as(body).contains("at least one interval");
        }
        assertThat(calendarVersions(id)).isEmpty();
    }

    @Test
    void offsetZoneGets400SuggestingRegion() throws Exception {
        String id = calendarId();

        for (String zone : List.of("+02:00", "-05:30", "UTC+02:00", "GMT-03:00")) {
            HttpResponse<String> response = send("adam", "PUT", "/api/service-levels/calendars/" + id,
                    "{\"zone\": \"" + zone + "\", \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"]}}");

            assertThat(response.statusCode()).as(zone).isEqualTo(400);
            String detail = JSON.readTree(response.body()).get("detail").asText();
            assertThat(detail).as(zone).contains("fixed offset");
            assertThat(detail).as(zone).contains("Europe/Warsaw");
        }
        assertThat(calendarVersions(id)).isEmpty();

        HttpResponse<String> utc = send("adam", "PUT", "/api/service-levels/calendars/" + id,
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"]}}");
        assertThat(utc.statusCode()).as(utc.body()).isEqualTo(200);
    }

    @Test
    void holidayOutsideYearsGets400() throws Exception {
        String id = calendarId();

        for (String holiday : List.of("0000-01-01", "-0001-01-01", "+10000-01-01", "1899-12-31", "2200-01-01")) {
            HttpResponse<String> response = send("adam", "PUT", "/api/service-levels/calendars/" + id,
                    "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"]}, \"holidays\": [\""
                            + holiday + "\"]}");

            assertThat(response.statusCode()).as(holiday).isEqualTo(400);
            String detail = JSON.readTree(response.body()).get("detail").asText();
            assertThat(detail).as(holiday).contains(LocalDate.parse(holiday).toString());
            assertThat(detail).as(holiday).contains("1900 to 2199");
        }
        assertThat(calendarVersions(id)).isEmpty();
    }

    @Test
    void targetOutOfBoundsGets400NamingPriorityAndField() throws Exception {
        String policyId = "bounds-" + IDS.incrementAndGet();
        Map<String, String> badTargets = Map.of(
                "PT0.0001S", "whole number of seconds",
                "PT1.5S", "whole number of seconds",
                "P367D", "P366D",
                "PT9999999999H", "P366D",
                "PT99999999999999H", "P366D");

        for (Map.Entry<String, String> bad : badTargets.entrySet()) {
            String targets = TARGETS.replace("\"PT4H\"", "\"" + bad.getKey() + "\"");
            HttpResponse<String> response = send("adam", "POST", "/api/service-levels/policies/" + policyId
                    + "/versions", "{\"effectiveFrom\": \"2025-03-10T00:00:00Z\", \"calendar\": \"24x7\","
                    + " \"targets\": " + targets + "}");

            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            String detail = JSON.readTree(response.body()).get("detail").asText();
            assertThat(detail).as(bad.getKey()).contains("targets.P1.resolution");
            assertThat(detail).as(bad.getKey()).contains(bad.getKey());
            assertThat(detail).as(bad.getKey()).contains(bad.getValue());
        }
        assertThat(policyVersions(policyId)).isEmpty();
    }

    @Test
    void unreachableTargetGets400NamingCalendar() throws Exception {
        String calendar = calendarId();
        String policyId = "reach-" + IDS.incrementAndGet();
        // One open minute a week gives 521 minutes in ten years, far less than a P366D target.
        HttpResponse<String> saved = send("adam", "PUT", "/api/service-levels/calendars/" + calendar,
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": [\"09:00-09:01\"]}}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        HttpResponse<String> response = send("adam", "POST", "/api/service-levels/policies/" + policyId
                + "/versions", "{\"effectiveFrom\": \"2025-03-10T00:00:00Z\", \"calendar\": \"" + calendar
                + "\", \"targets\": " + TARGETS.replace("\"PT4H\"", "\"P366D\"") + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        String detail = JSON.readTree(response.body()).get("detail").asText();
        assertThat(detail).contains("calendar " + calendar);
        assertThat(detail).contains("P1.resolution " + Duration.ofDays(366));
        assertThat(policyVersions(policyId)).isEmpty();
    }

    @Test
    void effectiveFromOutsideYearsGets400() throws Exception {
        String policyId = "years-" + IDS.incrementAndGet();

        for (String effectiveFrom : List.of("-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            HttpResponse<String> response = send("adam", "POST", "/api/service-levels/policies/" + policyId
                    + "/versions", "{\"effectiveFrom\": \"" + effectiveFrom + "\", \"calendar\": \"24x7\","
                    + " \"targets\": " + TARGETS + "}");

            assertThat(response.statusCode()).as(effectiveFrom).isEqualTo(400);
            String detail = JSON.readTree(response.body()).get("detail").asText();
            assertThat(detail).as(effectiveFrom).contains("effectiveFrom " + Instant.parse(effectiveFrom));
            assertThat(detail).as(effectiveFrom).contains("1970 to 9999");
        }
        assertThat(policyVersions(policyId)).isEmpty();
    }

    @Test
    void effectiveFromIsKeptToTheMillisecond() throws Exception {
        String policyId = "precision-" + IDS.incrementAndGet();

        HttpResponse<String> response = send("adam", "POST", "/api/service-levels/policies/" + policyId
                + "/versions", "{\"effectiveFrom\": \"2025-03-10T00:00:00.123456789Z\", \"calendar\": \"24x7\","
                + " \"targets\": " + TARGETS + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(policyVersions(policyId).get(0).policy().effectiveFrom())
                .isEqualTo(Instant.parse("2025-03-10T00:00:00.123Z"));
    }

    @Test
    void wrongJsonTypesNameExpectedType() throws Exception {
        String policyId = "types-" + IDS.incrementAndGet();
        String policy = "{\"effectiveFrom\": \"2025-03-10T00:00:00Z\", \"calendar\": \"24x7\", \"targets\": "
                + TARGETS + ", \"warningThreshold\": ";

        for (String threshold : List.of("\"0.5\"", "true", "\"abc\"", "\"\"")) {
            HttpResponse<String> response = send("adam", "POST", "/api/service-levels/policies/" + policyId
                    + "/versions", policy + threshold + "}");

            assertThat(response.statusCode()).as(threshold).isEqualTo(400);
            String detail = JSON.readTree(response.body()).get("detail").asText();
            assertThat(detail).as(threshold).contains("warningThreshold");
            assertThat(detail).as(threshold).contains("a number without quotes");
        }
        assertThat(policyVersions(policyId)).isEmpty();

        String calendar = calendarId();
        HttpResponse<String> intervals = send("adam", "PUT", "/api/service-levels/calendars/" + calendar,
                "{\"zone\": \"UTC\", \"openingHours\": {\"MONDAY\": \"09:00-17:00\"}}");
        HttpResponse<String> hours = send("adam", "PUT", "/api/service-levels/calendars/" + calendar,
                "{\"zone\": \"UTC\", \"openingHours\": [\"09:00-17:00\"]}");

        assertThat(intervals.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(intervals.body()).get("detail").asText())
                .contains("openingHours.MONDAY").contains("an array of \"HH:mm-HH:mm\" strings");
        assertThat(hours.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(hours.body()).get("detail").asText()).contains("a JSON object");
        assertThat(calendarVersions(calendar)).isEmpty();
    }

    @Test
    void repeatedOrDistantPromiseThroughRest() throws Exception {
        String incidentId = reportToNet();
        Instant promisedFor = Instant.now().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"promisedFor\": \"" + promisedFor + "\"}";

        HttpResponse<String> first = send("anna", "POST", "/api/incidents/" + incidentId + "/resolution-promise",
                body);
        HttpResponse<String> again = send("anna", "POST", "/api/incidents/" + incidentId + "/resolution-promise",
                body);
        HttpResponse<String> distant = send("anna", "POST", "/api/incidents/" + incidentId
                + "/resolution-promise", "{\"promisedFor\": \"+1000000000-01-01T00:00:00Z\"}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("changed").asBoolean()).isTrue();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("changed").asBoolean()).isFalse();
        assertThat(distant.statusCode()).as(distant.body()).isEqualTo(400);
        assertThat(JSON.readTree(distant.body()).get("detail").asText()).contains("more than 3653 days");
        long promises = eventStore.readEvents(incidentId).asStream()
                .filter(event -> event.getPayload() instanceof ResolutionPromised).count();
        assertThat(promises).isEqualTo(1);
    }

    /** Reports an incident assigned to NET as the service desk and returns its id. */
    private String reportToNet() throws Exception {
        HttpResponse<String> reported = send("desk", "POST", "/api/incidents", """
                {"summary": "VPN drops", "requester": "rita", "impact": "HIGH", "urgency": "HIGH",
                 "assignedGroup": "NET"}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        return JSON.readTree(reported.body()).get("incidentId").asText();
    }

    private ServiceLevelTerms termsOf(String incidentId) {
        return ((IncidentReported) eventStore.readEvents(incidentId).asStream()
                .map(DomainEventMessage::getPayload).findFirst().orElseThrow()).serviceLevel();
    }

    private List<BusinessCalendarSaved> calendarVersions(String id) {
        return eventStore.readEvents(ServiceLevelStreams.calendar(id)).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(BusinessCalendarSaved.class::isInstance).map(BusinessCalendarSaved.class::cast).toList();
    }

    private List<ServiceLevelPolicyPublished> policyVersions(String id) {
        return eventStore.readEvents(ServiceLevelStreams.policy(id)).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(ServiceLevelPolicyPublished.class::isInstance).map(ServiceLevelPolicyPublished.class::cast)
                .toList();
    }

    private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.of(dataDir).authorization(user))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
