package dev.incidents.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.incidents.api.access.Role;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.refusal.CommandRefused;

/**
 * Sends commands that business rules reject through the REST API and checks that each is recorded as one
 * {@link CommandRefused} event outside the incident's stream, while the caller gets the rejection as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusalRecordingIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "refusal-recording-test");
    }

    @Test
    void staleVersionIsRecordedOutsideIncidentStream() throws Exception {
        String id = reportAssigned();
        Instant occurredAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

        HttpResponse<String> stale = post("anna", "/api/incidents/" + id + "/accept",
                "{\"occurredAt\": \"" + occurredAt + "\"}", "\"0\"");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(JSON.readTree(stale.body()).get("code").asText()).isEqualTo("VERSION_CONFLICT");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
        List<EventMessage<CommandRefused>> refusals = refusalsOf(id);
        assertThat(refusals).hasSize(1);
        CommandRefused refused = refusals.get(0).getPayload();
        assertThat(refused.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
        assertThat(refused.command()).isEqualTo("accept");
        assertThat(refused.commandType()).isEqualTo("AcceptAssignmentCommand");
        assertThat(refused.message()).isEqualTo(JSON.readTree(stale.body()).get("detail").asText());
        assertThat(refused.state()).isEqualTo("ASSIGNED");
        assertThat(refused.actor().user().value()).isEqualTo("anna");
        assertThat(refused.actor().role()).isEqualTo(Role.SPECIALIST);
        assertThat(refused.occurredAt()).isEqualTo(occurredAt);
        assertThat(refused.expectedVersion()).isZero();
        assertThat(refused.organisationVersion()).isPositive();
    }

    @Test
    void wrongStateAndWrongPersonAreRecorded() throws Exception {
        String id = reportAssigned();

        HttpResponse<String> wrongState = post("desk", "/api/incidents/" + id + "/close", "{}", null);
        HttpResponse<String> wrongPerson = post("rita", "/api/incidents/" + id + "/resolve",
                "{\"resolutionCode\": \"fixed\"}", null);

        assertThat(wrongState.statusCode()).isEqualTo(409);
        assertThat(wrongPerson.statusCode()).isEqualTo(403);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
        List<CommandRefused> refusals = refusalsOf(id).stream().map(EventMessage::getPayload).toList();
        assertThat(refusals).extracting(CommandRefused::code)
                .containsExactly(ErrorCode.COMMAND_NOT_ALLOWED, ErrorCode.NOT_PERMITTED);
        assertThat(refusals).extracting(refused -> refused.actor().user().value()).containsExactly("desk", "rita");
        assertThat(refusals.get(0).occurredAt()).isNull();
        assertThat(refusals.get(0).expectedVersion()).isNull();
    }

    @Test
    void unknownGroupIsRecorded() throws Exception {
        String id = reportAssigned();
        Instant occurredAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

        HttpResponse<String> rejected = post("desk", "/api/incidents/" + id + "/reassign",
                "{\"group\": \"NO-SUCH-GROUP\", \"reason\": \"wrong team\", \"occurredAt\": \"" + occurredAt + "\"}",
                "\"1\"");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
        List<CommandRefused> refusals = refusalsOf(id).stream().map(EventMessage::getPayload).toList();
        assertThat(refusals).hasSize(1);
        CommandRefused refused = refusals.get(0);
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(refused.command()).isEqualTo("reassign");
        assertThat(refused.commandType()).isEqualTo("ReassignIncidentCommand");
        assertThat(refused.message()).isEqualTo(JSON.readTree(rejected.body()).get("detail").asText());
        assertThat(refused.message()).contains("NO-SUCH-GROUP");
        assertThat(refused.state()).isNull();
        assertThat(refused.actor().user().value()).isEqualTo("desk");
        assertThat(refused.occurredAt()).isEqualTo(occurredAt);
        assertThat(refused.expectedVersion()).isEqualTo(1L);
        assertThat(refused.organisationVersion()).isPositive();
    }

    @Test
    void weakAndMalformedIfMatchAreRecorded() throws Exception {
        String id = reportAssigned();

        HttpResponse<String> weak = post("anna", "/api/incidents/" + id + "/accept", "{}", "W/\"1\"");
        HttpResponse<String> malformed = post("anna", "/api/incidents/" + id + "/accept", "{}", "version one");

        assertThat(weak.statusCode()).isEqualTo(412);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
        List<CommandRefused> refusals = refusalsOf(id).stream().map(EventMessage::getPayload).toList();
        assertThat(refusals).extracting(CommandRefused::code)
                .containsExactly(ErrorCode.VERSION_CONFLICT, ErrorCode.INVALID_INPUT);
        assertThat(refusals).extracting(CommandRefused::command).containsExactly("accept", "accept");
        assertThat(refusals).extracting(CommandRefused::expectedVersion).containsOnlyNulls();
        assertThat(refusals).extracting(refused -> refused.actor().user().value()).containsExactly("anna", "anna");
        assertThat(refusals.get(0).message()).isEqualTo(JSON.readTree(weak.body()).get("detail").asText());
        assertThat(refusals.get(1).message()).isEqualTo(JSON.readTree(malformed.body()).get("detail").asText());
    }

    @Test
    void reportWithUnknownUserIsRecorded() throws Exception {
        long refusalsBefore = allRefusals().size();

        HttpResponse<String> rejected = post("desk", "/api/incidents", """
                {"summary": "Printer offline", "requester": "nobody-known", "impact": "LOW", "urgency": "LOW"}""",
                null);

        assertThat(rejected.statusCode()).isEqualTo(400);
        List<CommandRefused> refusals = allRefusals().stream().skip(refusalsBefore).map(EventMessage::getPayload)
                .toList();
        assertThat(refusals).hasSize(1);
        CommandRefused refused = refusals.get(0);
        assertThat(refused.command()).isEqualTo("report");
        assertThat(refused.commandType()).isEqualTo("ReportIncidentCommand");
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(refused.message()).contains("nobody-known");
        assertThat(storedEventTypes(refused.incidentId().value())).isEmpty();
    }

    @Test
    void malformedBodyAndUnknownIncidentAreNotRecorded() throws Exception {
        String id = reportAssigned();
        long refusalsBefore = allRefusals().size();

        HttpResponse<String> malformed = post("desk", "/api/incidents/" + id + "/close", "{\"satisfaction\": ",
                null);
        HttpResponse<String> unknown = post("desk", "/api/incidents/NO-SUCH-1/close", "{}", null);
        HttpResponse<String> unknownWithBadGroup = post("desk", "/api/incidents/NO-SUCH-1/reassign",
                "{\"group\": \"NO-SUCH-GROUP\", \"reason\": \"wrong team\"}", null);
        HttpResponse<String> unknownWithWeakTag = post("anna", "/api/incidents/NO-SUCH-1/accept", "{}", "W/\"1\"");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknownWithBadGroup.statusCode()).isEqualTo(400);
        assertThat(unknownWithWeakTag.statusCode()).isEqualTo(412);
        assertThat(allRefusals()).hasSize((int) refusalsBefore);
        assertThat(refusalsOf("NO-SUCH-1")).isEmpty();
    }

    private String reportAssigned() throws Exception {
        HttpResponse<String> reported = post("desk", "/api/incidents", """
                {"summary": "Printer offline", "requester": "rita", "impact": "LOW", "urgency": "LOW",
                 "assignedGroup": "NET"}""", null);
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        return JSON.readTree(reported.body()).get("incidentId").asText();
    }

    private List<String> storedEventTypes(String incidentId) {
        return eventStore.readEvents(incidentId).asStream()
                .map(message -> message.getPayloadType().getSimpleName())
                .toList();
    }

    private List<EventMessage<CommandRefused>> refusalsOf(String incidentId) {
        return allRefusals().stream()
                .filter(message -> message.getPayload().incidentId().value().equals(incidentId))
                .toList();
    }

    /** Reads every stored CommandRefused event, in the order of the store. */
    @SuppressWarnings("unchecked")
    private List<EventMessage<CommandRefused>> allRefusals() {
        List<EventMessage<CommandRefused>> refusals = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (message.getPayload() instanceof CommandRefused) {
                    refusals.add((EventMessage<CommandRefused>) message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return refusals;
    }

    private HttpResponse<String> post(String user, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.of(dataDir).authorization(user));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
