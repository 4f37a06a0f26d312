package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the command side with SIGKILL right after it acknowledged a series of commands, then starts it again.
 * Every acknowledged change must still be in the event store and reach the read models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIntegrationTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);
    private static final int INCIDENTS = 30;

    private IncidentsStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = IncidentsStack.create("crash-recovery");
        stack.runSuccessfully(START_TIMEOUT, "up");
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void acknowledgedCommandsSurviveKill() throws Exception {
        Map<String, String> passwordsBefore = stack.credentials();
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            HttpResponse<String> reported = stack.postToCommandSide(IncidentsStack.SERVICE_DESK, "/api/incidents", """
                    {"summary": "Crash test %d", "requester": "rita.requester", "impact": "LOW", "urgency": "LOW",
                     "assignedGroup": "NET"}""".formatted(i));
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
            String id = IncidentsStack.MAPPER.readTree(reported.body()).get("incidentId").asText();
            HttpResponse<String> accepted = stack.postToCommandSide(IncidentsStack.NETWORK_SPECIALIST,
                    "/api/incidents/" + id + "/accept", "{\"assignee\": \"nick.net\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            incidents.add(id);
        }

        stack.killCommandSide();
        stack.runSuccessfully(START_TIMEOUT, "up");
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);

        for (String id : incidents) {
            JsonNode summary = stack.getFromQuerySide("/api/incidents/" + id);
            assertThat(summary.get("state").asText()).as("state of %s", id).isEqualTo("IN_PROGRESS");
            JsonNode history = stack.getFromQuerySide("/api/incidents/" + id + "/history");
            assertThat(history.size()).as("history entries of %s", id).isEqualTo(3);
            assertThat(history.get(0).get("actor").get("user").asText()).isEqualTo(IncidentsStack.SERVICE_DESK);
            assertThat(history.get(2).get("actor").get("user").asText())
                    .isEqualTo(IncidentsStack.NETWORK_SPECIALIST);
        }
        JsonNode statistics = stack.getFromQuerySide("/api/statistics");
        assertThat(statistics.get("incidents").asLong()).isEqualTo(INCIDENTS);
        assertThat(statistics.get("auditEntries").asLong()).isEqualTo(3L * INCIDENTS);
        // The restart kept the passwords, and the unchanged organisation file added no version.
        assertThat(stack.credentials()).isEqualTo(passwordsBefore);
        assertThat(stack.getFromQuerySide("/api/organisation").get("version").asLong()).isEqualTo(1);
    }

    @Test
    void credentialsFileIsOwnerOnly() throws Exception {
        Path security = stack.dataDir().resolve("security");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.resolve("demo-credentials"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security))).isEqualTo("rwx------");
        String hashes = Files.readString(security.resolve("passwords"));
        for (String password : stack.credentials().values()) {
            assertThat(hashes).doesNotContain(password);
        }
    }
}
