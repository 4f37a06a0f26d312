package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.command.incident.Incident;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incidents loaded from a snapshot. The trigger stores one after the configured number of events, and the snapshot
 * reads back to the same state. Commands after it see the whole history, including the rules that read the events
 * of another incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentSnapshotIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THRESHOLD = 5;

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    Snapshotter snapshotter;

    @Autowired
    Cache incidentCache;

    @Autowired
    Serializer serializer;

    @Autowired
    DataSource dataSource;

    private static Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "snapshot-test");
        registry.add("incidents.snapshots.threshold", () -> THRESHOLD);
    }

    @Test
    void commandAfterSnapshotSeesWholeHistory() throws Exception {
        String id = report();
        for (int i = 0; i < 8; i++) {
            assertThat(post("desk", "/api/incidents/" + id + "/work-notes", "{\"text\": \"note " + i + "\"}", null)
                    .statusCode()).isEqualTo(200);
        }
        long lastSequence = lastSequenceNumber(id);

        DomainEventMessage<?> snapshot = awaitSnapshot(id, THRESHOLD - 1);
        assertThat(snapshot.getPayload()).isInstanceOf(Incident.class);
        assertThat(snapshot.getSequenceNumber()).isGreaterThanOrEqualTo(THRESHOLD - 1)
                .isLessThanOrEqualTo(lastSequence);
        incidentCache.removeAll();

        HttpResponse<String> accepted = post("anna", "/api/incidents/" + id + "/accept", "{\"assignee\": \"anna\"}",
                "\"" + lastSequence + "\"");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("ETag")).hasValue("\"" + (lastSequence + 1) + "\"");
        assertThat(JSON.readTree(accepted.body()).get("state").asText()).isEqualTo("IN_PROGRESS");

        incidentCache.removeAll();
        HttpResponse<String> stale = post("anna", "/api/incidents/" + id + "/resolve",
                "{\"resolutionCode\": \"fixed\"}", "\"" + lastSequence + "\"");
        assertThat(stale.statusCode()).isEqualTo(412);
    }

    @Test
    void snapshotReadsBackToSameState() {
        String id = report();
        snapshotter.scheduleSnapshot(Incident.class, id);
        awaitSnapshot(id, 0);

        byte[] storedBytes = new JdbcTemplate(dataSource).queryForObject(
                "select payload from SnapshotEventEntry where aggregateIdentifier = ?", byte[].class, id);
        JsonNode stored = readTree(new String(storedBytes, StandardCharsets.UTF_8));
        DomainEventMessage<?> snapshot = storageEngine.readSnapshot(id).orElseThrow();

        // The service level state is the deepest part: clocks, stopwatches and stints, each set through its fields.
        assertThat(stored.path("serviceLevel").path("clock").path("response").path("status").asText())
                .isEqualTo("RUNNING");
        assertThat(stored.path("incidentId").isMissingNode()).isFalse();
        assertThat(stored.path("state").asText()).isEqualTo("ASSIGNED");
        // Written again after reading, the snapshot is the same JSON: reading it lost no field.
        assertThat(readTree(serializer.serialize(snapshot.getPayload(), String.class).getData())).isEqualTo(stored);
    }

    @Test
    void snapshotOfOtherRevisionIsIgnored() throws Exception {
        String id = report();
        snapshotter.scheduleSnapshot(Incident.class, id);
        awaitSnapshot(id, 0);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String revision = jdbc.queryForObject(
                "select payloadRevision from SnapshotEventEntry where aggregateIdentifier = ?", String.class, id);

        // A snapshot of an earlier form: no revision, and a state that would refuse the acceptance below.
        byte[] stored = jdbc.queryForObject(
                "select payload from SnapshotEventEntry where aggregateIdentifier = ?", byte[].class, id);
        String closed = new String(stored, StandardCharsets.UTF_8).replace("\"state\":\"ASSIGNED\"",
                "\"state\":\"CLOSED\"");
        jdbc.update("update SnapshotEventEntry set payloadRevision = null, payload = ? where aggregateIdentifier = ?",
                closed.getBytes(StandardCharsets.UTF_8), id);
        incidentCache.removeAll();
        HttpResponse<String> accepted = post("anna", "/api/incidents/" + id + "/accept", "{\"assignee\": \"anna\"}",
                null);

        assertThat(revision).isEqualTo(Incident.SNAPSHOT_REVISION);
        assertThat(closed).contains("\"state\":\"CLOSED\"");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void duplicateRuleReadsEventsBeforeSnapshot() throws Exception {
        String original = report();
        assertThat(post("anna", "/api/incidents/" + original + "/accept", "{\"assignee\": \"anna\"}", null)
                .statusCode()).isEqualTo(200);
        assertThat(post("anna", "/api/incidents/" + original + "/resolve", "{\"resolutionCode\": \"fixed\"}", null)
                .statusCode()).isEqualTo(200);
        assertThat(post("desk", "/api/incidents/" + original + "/close", "{}", null).statusCode()).isEqualTo(200);
        snapshotter.scheduleSnapshot(Incident.class, original);
        assertThat(awaitSnapshot(original, lastSequenceNumber(original)).getSequenceNumber())
                .isEqualTo(lastSequenceNumber(original));
        incidentCache.removeAll();
        String duplicate = report();

        HttpResponse<String> marked = post("desk", "/api/incidents/" + duplicate + "/mark-duplicate",
                "{\"originalId\": \"" + original + "\"}", null);

        // The original's closure lies before its snapshot; a rule that saw only the snapshot would accept this.
        assertThat(marked.statusCode()).isEqualTo(409);
    }

    /** Returns the incident's snapshot once the snapshotter's thread stored one at or after {@code sequence}. */
    private DomainEventMessage<?> awaitSnapshot(String id, long sequence) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Optional<DomainEventMessage<?>> snapshot = storageEngine.readSnapshot(id);
            if (snapshot.isPresent() && snapshot.get().getSequenceNumber() >= sequence) {
                return snapshot.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no snapshot of incident " + id + " at sequence " + sequence
                        + " or later within 10 s: " + snapshot);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the snapshot of incident " + id, e);
            }
        }
    }

    private long lastSequenceNumber(String id) {
        return eventStore.readEvents(id, 0).asStream().mapToLong(DomainEventMessage::getSequenceNumber).max()
                .orElseThrow();
    }

    private String report() {
        try {
            HttpResponse<String> reported = post("desk", "/api/incidents", """
                    {"summary": "Mail queue stuck", "requester": "rita", "impact": "MEDIUM", "urgency": "MEDIUM",
                     "assignedGroup": "NET"}""", null);
            assertThat(reported.statusCode()).isEqualTo(201);
            return JSON.readTree(reported.body()).get("incidentId").asText();
        } catch (Exception e) {
            throw new IllegalStateException("reporting the test incident failed", e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the snapshot is no valid JSON: " + json, e);
        }
    }

    private HttpResponse<String> post(String user, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.of(dataDir).authorization(user))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
