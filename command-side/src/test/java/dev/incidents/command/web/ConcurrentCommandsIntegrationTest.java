package dev.incidents.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.incident.IncidentState;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.incidents.api.incident.IncidentState.ASSIGNED;
import static dev.incidents.api.incident.IncidentState.CLOSED;
import static dev.incidents.api.incident.IncidentState.IN_PROGRESS;
import static dev.incidents.api.incident.IncidentState.NEW;
import static dev.incidents.api.incident.IncidentState.PENDING;
import static dev.incidents.api.incident.IncidentState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty clients send conflicting commands to the same few incidents at once. Afterwards the event store must hold
 * exactly one event per accepted command, and replaying each incident's events must never break a lifecycle
 * rule, such as two accepted assignments without a move back to ASSIGNED between them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentCommandsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 50;
    private static final int COMMANDS_PER_CLIENT = 20;
    private static final int INCIDENTS = 4;

    /** Commands a client picks from; each accepted one adds exactly one event. */
    private static final List<Map.Entry<String, String>> COMMANDS = List.of(
            Map.entry("accept", "{}"),
            Map.entry("reassign", "{\"group\": \"%s\", \"reason\": \"load balancing\"}"),
            Map.entry("release", "{}"),
            Map.entry("pend", "{\"reason\": \"CUSTOMER\"}"),
            Map.entry("resume", "{}"),
            Map.entry("resolve", "{\"resolutionCode\": \"fixed\"}"),
            Map.entry("reopen", "{\"reason\": \"still failing\"}"),
            Map.entry("work-notes", "{\"text\": \"checked again\"}"));

    /** Users of the test organisation: the service desk, a specialist of each group and their manager. */
    private static final List<String> USERS = List.of("desk", "anna", "dave", "mike");
    private static final List<String> GROUPS = List.of("NET", "DB");

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private static Path dataDir;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "concurrent-commands-test");
    }

    @Test
    void conflictingCommandsKeepEveryRule() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            HttpResponse<String> reported = send(http, "/api/incidents", """
                    {"summary": "Shared drive slow", "requester": "rita", "impact": "MEDIUM", "urgency": "MEDIUM",
                     "assignedGroup": "NET"}""", "desk");
            assertThat(reported.statusCode()).isEqualTo(201);
            incidents.add(JSON.readTree(reported.body()).get("incidentId").asText());
        }
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        incidents.forEach(id -> accepted.put(id, new AtomicInteger()));
        AtomicInteger serverErrors = new AtomicInteger();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            done.add(clients.submit(() -> {
                Random random = new Random(clientNumber);
                String user = USERS.get(clientNumber % USERS.size());
                for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
                    String id = incidents.get(random.nextInt(INCIDENTS));
                    Map.Entry<String, String> command = COMMANDS.get(random.nextInt(COMMANDS.size()));
                    String body = String.format(command.getValue(), GROUPS.get(random.nextInt(GROUPS.size())));
                    HttpResponse<String> response = send(http, "/api/incidents/" + id + "/" + command.getKey(), body,
                            user);
                    if (response.statusCode() == 200) {
                        accepted.get(id).incrementAndGet();
                    } else if (response.statusCode() >= 500) {
                        serverErrors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();

        assertThat(serverErrors).hasValue(0);
        for (String id : incidents) {
            List<String> events = eventStore.readEvents(id).asStream()
                    .map(DomainEventMessage::getPayloadType)
                    .map(Class::getSimpleName)
                    .toList();
            // Reported and Assigned come from the report; every other event from one accepted command.
            assertThat(events.size() - 2).as("events of incident %s", id).isEqualTo(accepted.get(id).get());
            assertLifecycleHolds(id, events);
        }
    }

    private static void assertLifecycleHolds(String id, List<String> events) {
        IncidentState state = null;
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            Set<IncidentState> allowed = switch (event) {
                case "IncidentReported" -> null;
                case "IncidentAssigned" -> EnumSet.of(NEW);
                case "AssignmentAccepted" -> EnumSet.of(ASSIGNED);
                case "IncidentReassigned" -> EnumSet.of(ASSIGNED, IN_PROGRESS, PENDING);
                case "AssignmentReleased" -> EnumSet.of(IN_PROGRESS, PENDING);
                case "IncidentPended" -> EnumSet.of(IN_PROGRESS);
                case "IncidentResumed" -> EnumSet.of(PENDING);
                case "IncidentResolved" -> EnumSet.of(ASSIGNED, IN_PROGRESS);
                case "IncidentReopened" -> EnumSet.of(RESOLVED);
                case "WorkNoteAdded" -> EnumSet.complementOf(EnumSet.of(CLOSED, IncidentState.CANCELLED));
                default -> throw new AssertionError("unexpected event " + event + " in incident " + id);
            };
            if (allowed != null) {
                assertThat(allowed).as("state before event %d (%s) of incident %s", i, event, id).contains(state);
            }
            state = switch (event) {
                case "IncidentReported" -> NEW;
                case "IncidentAssigned", "IncidentReassigned", "AssignmentReleased", "IncidentReopened" -> ASSIGNED;
                case "AssignmentAccepted", "IncidentResumed" -> IN_PROGRESS;
                case "IncidentPended" -> PENDING;
                case "IncidentResolved" -> RESOLVED;
                default -> state;
            };
        }
    }

    /** Sends as the service desk analyst {@code desk}. */
    private HttpResponse<String> send(HttpClient http, String path, String body, String user) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestUsers.of(dataDir).authorization(user))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + path, e);
        }
    }

}
