package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fifty clients, each signed in as a member of staff, send conflicting commands to the same few incidents at once,
 * half of them with {@code If-Match}. Afterwards the event store, read over H2's TCP server, must hold exactly one
 * event per accepted command, the audit trail on the query side must list the same events, and replaying the event
 * types must never break the lifecycle table. A report sent again with the same {@code Idempotency-Key} after a
 * crash of the command side must return the first result and create no second incident.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentClientsIntegrationTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final int CLIENTS = 50;
    private static final int COMMANDS_PER_CLIENT = 12;
    private static final int INCIDENTS = 4;
    /** Users of {@code concurrency-organisation.yml} who send commands, including some the rules turn away. */
    private static final List<String> STAFF = List.of("sam", "sue", "anna", "nick", "noel", "dora", "dave", "mona");
    private static final String AUDITOR = "audrey";

    /** Commands a client picks from. Each accepted one appends exactly one event. */
    private static final List<Map.Entry<String, String>> COMMANDS = List.of(
            Map.entry("accept", "{}"),
            Map.entry("reassign", "{\"group\": \"%s\", \"reason\": \"load balancing\"}"),
            Map.entry("return-to-service-desk", "{\"reason\": \"wrong group\"}"),
            Map.entry("release", "{}"),
            Map.entry("pend", "{\"reason\": \"CUSTOMER\"}"),
            Map.entry("resume", "{}"),
            Map.entry("escalate", "{\"kind\": \"HIERARCHICAL\", \"reason\": \"customer is waiting\"}"),
            Map.entry("resolve", "{\"resolutionCode\": \"fixed\"}"),
            Map.entry("reopen", "{\"reason\": \"still failing\"}"),
            Map.entry("work-notes", "{\"text\": \"checked again\"}"));

    /** For each event type, the states it may follow, and the state it leads to (null: unchanged). */
    private static final Map<String, Transition> LIFECYCLE = Map.ofEntries(
            Map.entry("IncidentAssigned", new Transition(Set.of("NEW"), "ASSIGNED")),
            Map.entry("AssignmentAccepted", new Transition(Set.of("ASSIGNED"), "IN_PROGRESS")),
            Map.entry("IncidentReassigned", new Transition(Set.of("ASSIGNED", "IN_PROGRESS", "PENDING"), "ASSIGNED")),
            Map.entry("IncidentReturnedToServiceDesk", new Transition(Set.of("ASSIGNED"), "ASSIGNED")),
            Map.entry("AssignmentReleased", new Transition(Set.of("IN_PROGRESS", "PENDING"), "ASSIGNED")),
            Map.entry("IncidentPended", new Transition(Set.of("IN_PROGRESS"), "PENDING")),
            Map.entry("IncidentResumed", new Transition(Set.of("PENDING"), "IN_PROGRESS")),
            Map.entry("IncidentEscalated", new Transition(Set.of("ASSIGNED", "IN_PROGRESS", "PENDING"), null)),
            Map.entry("IncidentResolved", new Transition(Set.of("ASSIGNED", "IN_PROGRESS"), "RESOLVED")),
            Map.entry("IncidentReopened", new Transition(Set.of("RESOLVED"), "ASSIGNED")),
            Map.entry("WorkNoteAdded", new Transition(
                    Set.of("NEW", "ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED"), null)));

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private IncidentsStack stack;
    private Map<String, String> passwords;

    record Transition(Set<String> from, String to) {
    }

    record AcceptedCommand(String incidentId, String command, long version) {
    }

    @BeforeAll
    void start() throws Exception {
        stack = IncidentsStack.create("concurrent-clients");
        Path organisation = Path.of(getClass().getResource("/concurrency-organisation.yml").toURI());
        stack.setEnvironment("INCIDENTS_ORGANISATION_FILE", organisation.toString());
        stack.readAs(AUDITOR);
        stack.runSuccessfully(START_TIMEOUT, "up");
        passwords = readPasswords(stack.runSuccessfully(START_TIMEOUT, "credentials"));
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void concurrentClientsLoseNoAcceptedChange() throws Exception {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            HttpResponse<String> reported = post("sam", "/api/incidents", """
                    {"summary": "Shared incident %d", "requester": "rita", "impact": "MEDIUM", "urgency": "HIGH",
                     "assignedGroup": "NET"}""".formatted(i), null, null);
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
            incidents.add(IncidentsStack.MAPPER.readTree(reported.body()).get("incidentId").asText());
        }

        Map<String, Long> lastVersion = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<AcceptedCommand> accepted = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int seed = client;
                runs.add(clients.submit(() -> {
                    runClient(seed, incidents, lastVersion, accepted, statuses, serverErrors);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("[concurrent-clients] responses by status: " + statuses + ", accepted changes: "
                + accepted.size());

        assertThat(serverErrors).as("responses with a 5xx status").isEmpty();
        assertThat(accepted).as("accepted changes").isNotEmpty();
        assertThat(statuses).as("commands the rules turned away").containsKey(403);
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);

        for (String incidentId : incidents) {
            checkIncident(incidentId, accepted.stream().filter(change -> change.incidentId().equals(incidentId))
                    .toList());
        }
    }

    @Test
    @Order(2)
    void idempotentReportSurvivesCrash() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"summary": "Printer on fire", "requester": "rita", "impact": "LOW", "urgency": "HIGH"}""";
        HttpResponse<String> first = post("sue", "/api/incidents", body, null, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String incidentId = IncidentsStack.MAPPER.readTree(first.body()).get("incidentId").asText();
        long reportsBefore = countReports();

        stack.killCommandSide();
        stack.runSuccessfully(START_TIMEOUT, "up");
        HttpResponse<String> retried = post("sue", "/api/incidents", body, null, key);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(IncidentsStack.MAPPER.readTree(retried.body()).get("incidentId").asText()).isEqualTo(incidentId);
        assertThat(countReports()).as("IncidentReported events after the retry").isEqualTo(reportsBefore);
    }

    /**
     * A requester who tries to accept an assignment, to close someone else's incident or to read it gets 403, and
     * the audit trail of that incident does not change.
     */
    @Test
    @Order(3)
    void requesterIsRefusedAndTrailUnchanged() throws Exception {
        HttpResponse<String> reported = post("sam", "/api/incidents", """
                {"summary": "Laptop will not boot", "requester": "rob", "impact": "LOW", "urgency": "MEDIUM",
                 "assignedGroup": "NET"}""", null, null);
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String incidentId = IncidentsStack.MAPPER.readTree(reported.body()).get("incidentId").asText();
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        JsonNode trailBefore = get(AUDITOR, "/api/incidents/" + incidentId + "/history");

        HttpResponse<String> accept = post("rita", "/api/incidents/" + incidentId + "/accept", "{}", null, null);
        assertThat(accept.statusCode()).as(accept.body()).isEqualTo(403);
        assertThat(IncidentsStack.MAPPER.readTree(accept.body()).get("code").asText()).isEqualTo("NOT_PERMITTED");

        assertThat(post("anna", "/api/incidents/" + incidentId + "/accept", "{}", null, null).statusCode())
                .isEqualTo(200);
        assertThat(post("anna", "/api/incidents/" + incidentId + "/resolve", "{\"resolutionCode\": \"fixed\"}",
                null, null).statusCode()).isEqualTo(200);
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        JsonNode trailResolved = get(AUDITOR, "/api/incidents/" + incidentId + "/history");

        HttpResponse<String> close = post("rita", "/api/incidents/" + incidentId + "/close", "{\"satisfaction\": 1}",
                null, null);
        assertThat(close.statusCode()).as(close.body()).isEqualTo(403);
        HttpResponse<String> read = send("rita", "/api/incidents/" + incidentId);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
        assertThat(read.body()).doesNotContain("Laptop");
        HttpResponse<String> history = send("rita", "/api/incidents/" + incidentId + "/history");
        assertThat(history.statusCode()).as(history.body()).isEqualTo(403);

        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);
        assertThat(trailResolved.size()).as("entries after the two accepted commands")
                .isEqualTo(trailBefore.size() + 2);
        assertThat(get(AUDITOR, "/api/incidents/" + incidentId + "/history")).isEqualTo(trailResolved);
        assertThat(readEventTypes(incidentId)).hasSize(trailResolved.size());
    }

    /** Checks that the event store served over TCP rejects H2's default admin login and any change by the reader. */
    @Test
    @Order(4)
    void eventStoreRejectsDefaultAdminAndReaderChanges() throws Exception {
        assertThatThrownBy(() -> DriverManager.getConnection(stack.eventStoreUrl(), "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, rejected ->
                        assertThat(rejected.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));

        try (Connection reader = stack.openEventStoreAsReader(); Statement statement = reader.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM DomainEventEntry"))
                    .isInstanceOfSatisfying(SQLException.class, rejected ->
                            assertThat(rejected.getErrorCode()).isEqualTo(ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1));
        }
        assertThat(countReports()).as("IncidentReported events after the rejected delete").isPositive();
    }

    private void runClient(int seed, List<String> incidents, Map<String, Long> lastVersion,
                           ConcurrentLinkedQueue<AcceptedCommand> accepted, Map<Integer, AtomicInteger> statuses,
                           ConcurrentLinkedQueue<String> serverErrors) throws Exception {
        Random random = new Random(seed);
        String user = STAFF.get(seed % STAFF.size());
        for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
            String incidentId = incidents.get(random.nextInt(incidents.size()));
            Map.Entry<String, String> command = COMMANDS.get(random.nextInt(COMMANDS.size()));
            String body = command.getValue().formatted(random.nextBoolean() ? "NET" : "DB");
            Long expectedVersion = random.nextBoolean() ? lastVersion.get(incidentId) : null;

            HttpResponse<String> response = post(user, "/api/incidents/" + incidentId + "/" + command.getKey(), body,
                    expectedVersion, null);

            statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() >= 500) {
                serverErrors.add(command.getKey() + " by " + user + ": " + response.body());
            } else if (response.statusCode() == 200) {
                JsonNode status = IncidentsStack.MAPPER.readTree(response.body());
                long version = status.get("version").asLong();
                lastVersion.merge(incidentId, version, Math::max);
                if (status.get("changed").asBoolean()) {
                    accepted.add(new AcceptedCommand(incidentId, command.getKey(), version));
                }
            }
        }
    }

    private void checkIncident(String incidentId, List<AcceptedCommand> accepted) throws Exception {
        List<String> eventTypes = readEventTypes(incidentId);

        // Reported, assigned to NET, then exactly one event per accepted command.
        assertThat(eventTypes).as("events of %s", incidentId).hasSize(2 + accepted.size());
        Set<Long> versions = new HashSet<>();
        for (AcceptedCommand change : accepted) {
            assertThat(versions.add(change.version())).as("version %d of %s claimed by two accepted commands",
                    change.version(), incidentId).isTrue();
        }
        assertThat(versions).as("versions of accepted commands of %s", incidentId)
                .allSatisfy(version -> assertThat(version).isBetween(2L, (long) eventTypes.size() - 1));
        assertFollowsLifecycle(incidentId, eventTypes);

        JsonNode history = get(AUDITOR, "/api/incidents/" + incidentId + "/history");
        List<String> auditTypes = new ArrayList<>();
        for (JsonNode entry : history) {
            auditTypes.add(entry.get("type").asText());
        }
        assertThat(auditTypes).as("audit trail of %s", incidentId).isEqualTo(eventTypes);
    }

    private static void assertFollowsLifecycle(String incidentId, List<String> eventTypes) {
        assertThat(eventTypes.get(0)).isEqualTo("IncidentReported");
        String state = "NEW";
        for (int sequence = 1; sequence < eventTypes.size(); sequence++) {
            String type = eventTypes.get(sequence);
            Transition transition = LIFECYCLE.get(type);
            assertThat(transition).as("event %d of %s has an unexpected type %s", sequence, incidentId, type)
                    .isNotNull();
            assertThat(transition.from()).as("event %d of %s: %s after state %s", sequence, incidentId, type, state)
                    .contains(state);
            if (transition.to() != null) {
                state = transition.to();
            }
        }
    }

    private List<String> readEventTypes(String incidentId) throws IOException, SQLException {
        List<String> types = new ArrayList<>();
        try (Connection connection = stack.openEventStoreAsReader();
             PreparedStatement select = connection.prepareStatement("SELECT sequenceNumber, payloadType"
                     + " FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            select.setString(1, incidentId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getLong(1)).as("sequence number in %s", incidentId).isEqualTo(types.size());
                    String payloadType = rows.getString(2);
                    types.add(payloadType.substring(payloadType.lastIndexOf('.') + 1));
                }
            }
        }
        return types;
    }

    private long countReports() throws IOException, SQLException {
        try (Connection connection = stack.openEventStoreAsReader();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%.IncidentReported'");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private HttpResponse<String> post(String user, String path, String json, Long expectedVersion,
                                      String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(stack.commandPort(), path)).timeout(HTTP_TIMEOUT)
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (expectedVersion != null) {
            request.header("If-Match", "\"" + expectedVersion + "\"");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> response = send(user, path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return IncidentsStack.MAPPER.readTree(response.body());
    }

    /** Sends a GET request to the query side as {@code user} and returns the response, whatever its status. */
    private HttpResponse<String> send(String user, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(stack.queryPort(), path)).timeout(HTTP_TIMEOUT)
                .header("Authorization", basic(user)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String basic(String user) {
        String password = passwords.get(user);
        assertThat(password).as("password of %s in the credentials output", user).isNotNull();
        String token = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static URI uri(int port, String path) throws URISyntaxException {
        return new URI("http://127.0.0.1:" + port + path);
    }

    /** Reads the {@code user password roles} lines that {@code bin/incidents credentials} prints. */
    private static Map<String, String> readPasswords(String output) {
        Map<String, String> passwords = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 3) {
                passwords.put(fields[0], fields[1]);
            }
        }
        return passwords;
    }
}
