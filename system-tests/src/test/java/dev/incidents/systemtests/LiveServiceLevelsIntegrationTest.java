package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the servers in a time zone far from UTC and checks, through both REST APIs, that a calendar keeps the local
 * times and zone it was saved with. It also checks that a live incident that receives no command enters the "at
 * risk" and "breached" queues on time, through the deadlines of the command side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveServiceLevelsIntegrationTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);
    private static final String MANAGER = "maria.manager";
    /** Short enough for a test: the warning at half of it, the breach at all of it. */
    private static final Duration RESPONSE_TARGET = Duration.ofSeconds(40);

    private IncidentsStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = IncidentsStack.create("live-service-levels");
        stack.setEnvironment("INCIDENTS_JAVA_OPTS", "-Xmx512m -Duser.timezone=Asia/Tokyo");
        stack.runSuccessfully(START_TIMEOUT, "up");
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void calendarKeepsLocalTimesAndZoneAsSaved() throws Exception {
        HttpResponse<String> saved = stack.sendToCommandSide(MANAGER, "PUT",
                "/api/service-levels/calendars/NEW-YORK", """
                {"zone": "America/New_York",
                 "openingHours": {"MONDAY": ["09:00-12:00", "13:00-17:00"], "FRIDAY": ["09:00-24:00"]},
                 "holidays": ["2025-11-27"]}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        int version = IncidentsStack.MAPPER.readTree(saved.body()).get("version").asInt();

        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        stack.readAs(MANAGER);
        JsonNode calendar = stack.getFromQuerySide("/api/service-levels/calendars/NEW-YORK");
        assertThat(calendar.toString()).contains("\"America/New_York\"", "\"09:00-12:00\"", "\"13:00-17:00\"",
                "\"09:00-24:00\"", "\"2025-11-27\"");
        assertThat(calendar.toString()).doesNotContain("Asia/Tokyo");
        assertThat(calendar.path("version").asInt()).isEqualTo(version);
    }

    @Test
    void untouchedIncidentBecomesAtRiskThenBreachedOnTime() throws Exception {
        Instant effectiveFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> published = stack.postToCommandSide(MANAGER,
                "/api/service-levels/policies/standard/versions", policyWithResponseTarget(effectiveFrom));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        int policyVersion = IncidentsStack.MAPPER.readTree(published.body()).get("version").asInt();
        assertThat(policyVersion).isGreaterThan(1);

        HttpResponse<String> reported = stack.postToCommandSide(IncidentsStack.SERVICE_DESK, "/api/incidents", """
                {"summary": "Switch port flapping", "requester": "rita.requester", "impact": "LOW",
                 "urgency": "LOW", "assignedGroup": "NET"}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String id = IncidentsStack.MAPPER.readTree(reported.body()).get("incidentId").asText();
        stack.readAs(MANAGER);

        Instant warned = awaitQueueEntry("at-risk", id, RESPONSE_TARGET.plusSeconds(30));
        Instant breached = awaitQueueEntry("breached", id, RESPONSE_TARGET.plusSeconds(30));
        assertThat(queueEntries("at-risk", id)).as("at-risk entries once breached").isEmpty();

        // The history is another read model: it may record the breach a moment after the service level queues.
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        List<JsonNode> history = new ArrayList<>();
        stack.getFromQuerySide("/api/incidents/" + id + "/history").forEach(history::add);
        JsonNode reportEntry = history.get(0);
        JsonNode warning = entryOfType(history, "ServiceLevelWarningRaised");
        JsonNode breach = entryOfType(history, "ServiceLevelBreached");
        Instant reportedAt = Instant.parse(reportEntry.get("occurredAt").asText());
        String policyActor = "system:service-level/standard-v" + policyVersion;
        assertThat(warning.get("actor").get("user").asText()).isEqualTo(policyActor);
        assertThat(breach.get("actor").get("user").asText()).isEqualTo(policyActor);
        // The events carry the instants the thresholds were reached, whenever the deadlines fired.
        assertThat(Instant.parse(warning.get("occurredAt").asText()))
                .isEqualTo(reportedAt.plus(RESPONSE_TARGET.dividedBy(2)));
        assertThat(Instant.parse(breach.get("occurredAt").asText())).isEqualTo(reportedAt.plus(RESPONSE_TARGET));
        assertThat(warned).isAfterOrEqualTo(reportedAt.plus(RESPONSE_TARGET.dividedBy(2)));
        assertThat(breached).isAfterOrEqualTo(reportedAt.plus(RESPONSE_TARGET));

        HttpResponse<String> accepted = stack.postToCommandSide(IncidentsStack.NETWORK_SPECIALIST,
                "/api/incidents/" + id + "/accept", "{\"assignee\": \"nick.net\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        assertThat(queueEntries("at-risk", id)).isEmpty();
        assertThat(queueEntries("breached", id)).isEmpty();

        LocalDate today = LocalDate.ofInstant(reportedAt, ZoneOffset.UTC);
        JsonNode report = stack.getFromQuerySide("/api/analytics/service-levels?from=" + today + "&to="
                + today.plusDays(1) + "&group=NET");
        JsonNode response = report.get("buckets").get(0).get("figures").get("response");
        assertThat(response.get("breached").asInt()).isEqualTo(1);
        assertThat(response.get("met").asInt()).isZero();
    }

    /** Polls the queue until it lists {@code incidentId}, and returns when it first saw it. */
    private Instant awaitQueueEntry(String queue, String incidentId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queueEntries(queue, incidentId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("incident " + incidentId + " did not enter the " + queue + " queue of NET"
                        + " within " + timeout.toSeconds() + " s; history: "
                        + stack.getFromQuerySide("/api/incidents/" + incidentId + "/history"));
            }
            Thread.sleep(500);
        }
        return Instant.now();
    }

    private List<JsonNode> queueEntries(String queue, String incidentId) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        stack.getFromQuerySide("/api/service-levels/" + queue + "?group=NET&size=200").get("items")
                .forEach(entries::add);
        Predicate<JsonNode> ofIncident = entry -> entry.get("incidentId").asText().equals(incidentId);
        return entries.stream().filter(ofIncident).toList();
    }

    private static JsonNode entryOfType(List<JsonNode> history, String eventType) {
        return history.stream().filter(entry -> entry.path("type").asText().equals(eventType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + eventType + " in the history: " + history));
    }

    private static String policyWithResponseTarget(Instant effectiveFrom) {
        String target = "{\"response\": \"" + RESPONSE_TARGET + "\", \"resolution\": \"PT8H\"}";
        return """
                {"effectiveFrom": "%s", "calendar": "24x7", "warningThreshold": 0.5,
                 "targets": {"P1": %s, "P2": %s, "P3": %s, "P4": %s, "P5": %s}}"""
                .formatted(effectiveFrom, target, target, target, target, target);
    }
}
