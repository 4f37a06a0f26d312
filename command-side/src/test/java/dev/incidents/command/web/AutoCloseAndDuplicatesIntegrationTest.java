package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.incident.CancelReason;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-close and duplicate marking over HTTP with the real event store and the db-scheduler deadline manager.
 * Auto-close runs with a two-second limit so the test can watch it fire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "incidents.lifecycle.auto-close-after=PT2S",
        "incidents.store.deadline-polling-interval=PT0.2S"})
class AutoCloseAndDuplicatesIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PAIRS = 12;

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    DataSource dataSource;

    private JdbcTemplate jdbc;

    private static java.nio.file.Path dataDir;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "lifecycle-rules-test");
    }

    @BeforeEach
    void createJdbcTemplate() {
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void resolvedIncidentClosesByItself() throws Exception {
        String id = report("{\"summary\": \"Printer jams\", \"requester\": \"rita\", \"impact\": \"LOW\","
                + " \"urgency\": \"LOW\", \"assignedGroup\": \"NET\"}");
        assertThat(post("/api/incidents/" + id + "/accept", "{\"assignee\": \"anna\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> resolved = post("/api/incidents/" + id + "/resolve", "{\"resolutionCode\": \"fixed\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);

        IncidentClosed closed = awaitEvent(id, IncidentClosed.class, Duration.ofSeconds(30));

        assertThat(closed.actor().user().value()).isEqualTo("system:auto-close/v1");
        assertThat(closed.satisfaction()).isNull();
    }

    @Test
    void closedByHandIsNotClosedAgain() throws Exception {
        String id = report("{\"summary\": \"Screen flickers\", \"requester\": \"rita\", \"impact\": \"LOW\","
                + " \"urgency\": \"LOW\", \"assignedGroup\": \"NET\"}");
        post("/api/incidents/" + id + "/resolve", "{\"resolutionCode\": \"fixed\"}");
        assertThat(post("/api/incidents/" + id + "/close", "{\"satisfaction\": 4}").statusCode()).isEqualTo(200);

        Thread.sleep(3_000);

        List<IncidentClosed> closures = eventsOf(id).stream()
                .filter(IncidentClosed.class::isInstance).map(IncidentClosed.class::cast).toList();
        assertThat(closures).hasSize(1);
        assertThat(closures.get(0).actor().user().value()).isEqualTo("desk");
    }

    @Test
    void markDuplicateCancelsWithLink() throws Exception {
        String original = reportNew();
        String duplicate = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + duplicate + "/mark-duplicate",
                "{\"originalId\": \"" + original + "\", \"reason\": \"same outage\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("state").asText()).isEqualTo("CANCELLED");
        IncidentCancelled cancelled = awaitEvent(duplicate, IncidentCancelled.class, Duration.ZERO);
        assertThat(cancelled.reason()).isEqualTo(CancelReason.DUPLICATE);
        assertThat(cancelled.originalId()).isEqualTo(new IncidentId(original));
    }

    @Test
    void markDuplicateOfDuplicateGets409() throws Exception {
        String original = reportNew();
        String first = reportNew();
        String second = reportNew();
        post("/api/incidents/" + first + "/mark-duplicate", "{\"originalId\": \"" + original + "\"}");

        HttpResponse<String> response = post("/api/incidents/" + second + "/mark-duplicate",
                "{\"originalId\": \"" + first + "\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("COMMAND_NOT_ALLOWED");
        assertThat(problem.get("detail").asText()).contains(first).contains(original);
    }

    @Test
    void markDuplicateWithoutOriginalGets400() throws Exception {
        String duplicate = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + duplicate + "/mark-duplicate",
                "{\"reason\": \"same outage\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText()).isEqualTo("originalId");
    }

    /**
     * Colleagues mark each pair as duplicates of each other at the same moment, and each triple as a ring. The
     * first marking of a group to get the registry lock wins. Every later one would make an original a duplicate
     * or the reverse, so each group ends with exactly one link, and no incident is both a duplicate and an
     * original.
     */
    @Test
    void concurrentMarkingsNeverFormCycle() throws Exception {
        List<String[]> groups = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            groups.add(new String[] {reportNew(), reportNew()});
            groups.add(new String[] {reportNew(), reportNew(), reportNew()});
        }
        List<String[]> markings = new ArrayList<>();
        for (String[] group : groups) {
            for (int i = 0; i < group.length; i++) {
                markings.add(new String[] {group[i], group[(i + 1) % group.length]});
            }
        }

        ExecutorService clients = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MarkingResult>> futures = new ArrayList<>();
        List<MarkingResult> results = new ArrayList<>();
        try {
            for (String[] marking : markings) {
                futures.add(clients.submit(() -> {
                    start.await();
                    HttpResponse<String> response = post("/api/incidents/" + marking[0] + "/mark-duplicate",
                            "{\"originalId\": \"" + marking[1] + "\", \"reason\": \"same outage\"}");
                    return new MarkingResult(marking[0], marking[1], response.statusCode(), response.body());
                }));
            }
            start.countDown();
            for (Future<MarkingResult> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        Map<String, String> links = new HashMap<>();
        for (String[] group : groups) {
            for (String id : group) {
                eventsOf(id).stream()
                        .filter(IncidentCancelled.class::isInstance)
                        .map(IncidentCancelled.class::cast)
                        .forEach(cancelled -> links.put(id, cancelled.originalId().value()));
            }
        }
        for (MarkingResult result : results) {
            assertThat(result.status()).as("status of %s", result).isIn(200, 409);
        }
        for (String[] group : groups) {
            long duplicates = Arrays.stream(group).filter(links::containsKey).count();
            assertThat(duplicates).as(() -> "duplicates in group " + describeGroup(group, results, links))
                    .isEqualTo(1);
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            assertThat(links).as("original %s of %s is itself a duplicate", link.getValue(), link.getKey())
                    .doesNotContainKey(link.getValue());
        }
    }

    /** One marking of the concurrency test: the incident marked, the original named, and the HTTP response. */
    private record MarkingResult(String duplicateId, String originalId, int status, String body) {

        @Override
        public String toString() {
            return duplicateId + " -> " + originalId + ": " + status + " " + body;
        }
    }

    /**
     * Describes a group for a failed assertion: its incidents, each marking with its status and response body,
     * the links of the group's events and the rows of the duplicate registry.
     */
    private String describeGroup(String[] group, List<MarkingResult> results, Map<String, String> links) {
        List<String> ids = List.of(group);
        StringBuilder text = new StringBuilder(String.join(", ", group));
        text.append("\nmarkings:");
        results.stream().filter(result -> ids.contains(result.duplicateId()))
                .forEach(result -> text.append("\n  ").append(result));
        text.append("\nlinks in the events:");
        ids.stream().filter(links::containsKey)
                .forEach(id -> text.append("\n  ").append(id).append(" -> ").append(links.get(id)));
        text.append("\nrows of duplicate_links:");
        for (String id : ids) {
            jdbc.queryForList("select original_id from duplicate_links where duplicate_id = ?", String.class, id)
                    .forEach(original -> text.append("\n  ").append(id).append(" -> ").append(original));
        }
        return text.toString();
    }

    private <T> T awaitEvent(String id, Class<T> type, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            List<Object> events = eventsOf(id);
            for (Object event : events) {
                if (type.isInstance(event)) {
                    return type.cast(event);
                }
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no " + type.getSimpleName() + " for incident " + id + " within " + timeout
                        + "; events: " + events);
            }
            Thread.sleep(100);
        }
    }

    private List<Object> eventsOf(String id) {
        return eventStore.readEvents(id).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    private String reportNew() throws Exception {
        return report("{\"summary\": \"Mail is down\", \"requester\": \"rita\", \"impact\": \"MEDIUM\","
                + " \"urgency\": \"MEDIUM\"}");
    }

    private String report(String body) throws Exception {
        HttpResponse<String> reported = post("/api/incidents", body);
        assertThat(reported.statusCode()).isEqualTo(201);
        return JSON.readTree(reported.body()).get("incidentId").asText();
    }

    /**
     * Sends as the NET specialist {@code anna} where an assignee acts (accept, resolve), and as the service desk
     * analyst {@code desk} otherwise.
     */
    private HttpResponse<String> post(String path, String body) throws Exception {
        String user = path.endsWith("/accept") || path.endsWith("/resolve") ? "anna" : "desk";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.of(dataDir).authorization(user))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
