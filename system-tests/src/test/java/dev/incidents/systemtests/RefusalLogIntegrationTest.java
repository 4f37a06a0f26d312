package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends commands that the command side's REST layer rejects before they reach the incident, and reads them back
 * from the refusal log on the query side, while the incident stays as it was. A rejected command for an unknown
 * incident id leaves no entry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalLogIntegrationTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

    private IncidentsStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = IncidentsStack.create("refusal-log");
        stack.runSuccessfully(START_TIMEOUT, "up");
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void restLayerRejectionsReachRefusalLog() throws Exception {
        HttpResponse<String> reported = stack.postToCommandSide(IncidentsStack.SERVICE_DESK, "/api/incidents", """
                {"summary": "Switch port flapping", "requester": "rita.requester", "impact": "LOW",
                 "urgency": "LOW", "assignedGroup": "NET"}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String id = IncidentsStack.MAPPER.readTree(reported.body()).get("incidentId").asText();
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        JsonNode incidentBefore = stack.getFromQuerySide("/api/incidents/" + id);
        JsonNode historyBefore = stack.getFromQuerySide("/api/incidents/" + id + "/history");

        HttpResponse<String> unknownGroup = stack.postToCommandSide(IncidentsStack.SERVICE_DESK,
                "/api/incidents/" + id + "/reassign", "{\"group\": \"NO-SUCH-GROUP\", \"reason\": \"wrong team\"}");
        HttpResponse<String> unknownUser = stack.postToCommandSide(IncidentsStack.SERVICE_DESK,
                "/api/incidents/" + id + "/reassign",
                "{\"group\": \"NET\", \"assignee\": \"nobody.known\", \"reason\": \"wrong person\"}");
        HttpResponse<String> unknownIncident = stack.postToCommandSide(IncidentsStack.SERVICE_DESK,
                "/api/incidents/NO-SUCH-1/reassign", "{\"group\": \"NO-SUCH-GROUP\", \"reason\": \"wrong team\"}");

        assertThat(unknownGroup.statusCode()).as(unknownGroup.body()).isEqualTo(400);
        assertThat(unknownUser.statusCode()).as(unknownUser.body()).isEqualTo(400);
        assertThat(unknownIncident.statusCode()).as(unknownIncident.body()).isEqualTo(400);
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);

        JsonNode refusals = stack.getFromQuerySide("/api/incidents/" + id + "/refusals");
        assertThat(refusals.path("total").asLong()).as("refusals of %s: %s", id, refusals).isEqualTo(2);
        // Pages list the newest refusal first.
        JsonNode userEntry = refusals.path("items").get(0);
        JsonNode groupEntry = refusals.path("items").get(1);
        assertThat(groupEntry.path("message").asText())
                .isEqualTo(IncidentsStack.MAPPER.readTree(unknownGroup.body()).path("detail").asText());
        assertThat(userEntry.path("message").asText())
                .isEqualTo(IncidentsStack.MAPPER.readTree(unknownUser.body()).path("detail").asText());
        for (JsonNode entry : refusals.path("items")) {
            assertThat(entry.path("incidentId").asText()).as("incident of %s", entry).isEqualTo(id);
            assertThat(entry.path("command").asText()).as("command of %s", entry).isEqualTo("reassign");
            assertThat(entry.path("commandType").asText()).as("type of %s", entry)
                    .isEqualTo("ReassignIncidentCommand");
            assertThat(entry.path("code").asText()).as("code of %s", entry).isEqualTo("INVALID_INPUT");
            assertThat(entry.path("state").isNull()).as("state of %s", entry).isTrue();
            assertThat(entry.path("actor").path("user").asText()).as("actor of %s", entry)
                    .isEqualTo(IncidentsStack.SERVICE_DESK);
            assertThat(entry.path("recordedAt").asText()).as("recording time of %s", entry).isNotBlank();
        }

        JsonNode incidentAfter = stack.getFromQuerySide("/api/incidents/" + id);
        assertThat(incidentAfter.path("version")).isEqualTo(incidentBefore.path("version"));
        assertThat(incidentAfter.path("assignedGroup")).isEqualTo(incidentBefore.path("assignedGroup"));
        assertThat(stack.getFromQuerySide("/api/incidents/" + id + "/history")).isEqualTo(historyBefore);
        assertThat(stack.getFromQuerySide("/api/refusals?incidentId=NO-SUCH-1").path("total").asLong()).isZero();
    }
}
