package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API over HTTP on a random loopback port, with the real H2 event store and embedded MongoDB server
 * in a temporary data folder: commands reach the event store, and bad requests get problem details and change
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext application;

    private static Path dataDir;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "command-api-test");
    }

    @Test
    void handlersRunWithoutAxonTimeouts() {
        // Axon's timeouts record a stack trace per handler call; CommandTimingInterceptor logs slow commands instead.
        assertThat(application.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
    }

    @Test
    void lifecycleThroughRestReachesEventStore() throws Exception {
        HttpResponse<String> reported = post("/api/incidents", """
                {"summary": "VPN drops every hour", "requester": "rita", "impact": "MEDIUM", "urgency": "HIGH",
                 "assignedGroup": "NET"}""");
        assertThat(reported.statusCode()).isEqualTo(201);
        String id = JSON.readTree(reported.body()).get("incidentId").asText();
        assertThat(reported.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("http://127.0.0.1:").endsWith("/api/incidents/" + id));

        assertThat(postAs("anna", "/api/incidents/" + id + "/accept", "{\"assignee\": \"anna\"}").statusCode())
                .isEqualTo(200);
        assertThat(postAs("anna", "/api/incidents/" + id + "/pend", "{\"reason\": \"CUSTOMER\"}").statusCode())
                .isEqualTo(200);
        assertThat(postAs("anna", "/api/incidents/" + id + "/resume", "").statusCode()).isEqualTo(200);
        HttpResponse<String> resolved = postAs("anna", "/api/incidents/" + id + "/resolve",
                "{\"resolutionCode\": \"fixed\"}");
        assertThat(JSON.readTree(resolved.body()).get("state").asText()).isEqualTo("RESOLVED");
        HttpResponse<String> closed = post("/api/incidents/" + id + "/close", "{\"satisfaction\": 5}");
        assertThat(JSON.readTree(closed.body()).get("state").asText()).isEqualTo("CLOSED");

        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted", "IncidentPended", "IncidentResumed", "IncidentResolved", "IncidentClosed");
    }

    @Test
    void commandNotAllowedGets409WithAllowedCommands() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/close", "{}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("COMMAND_NOT_ALLOWED");
        assertThat(problem.get("state").asText()).isEqualTo("NEW");
        assertThat(problem.get("detail").asText()).contains(id).contains("NEW");
        assertThat(problem.get("allowedCommands").toString()).contains("assign").contains("cancel");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void unknownIncidentGets404() throws Exception {
        HttpResponse<String> response = post("/api/incidents/INC-404/accept", "{\"assignee\": \"anna\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("INC-404");
    }

    @Test
    void unknownEnumValueGets400NamingFieldAndValues() throws Exception {
        HttpResponse<String> response = post("/api/incidents", """
                {"summary": "x", "requester": "rita", "impact": "HUGE", "urgency": "LOW"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        String detail = JSON.readTree(response.body()).get("detail").asText();
        assertThat(detail).contains("impact").contains("HUGE").contains("MEDIUM");
    }

    @Test
    void blankSummaryGets400NamingField() throws Exception {
        HttpResponse<String> response = post("/api/incidents", """
                {"summary": " ", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("summary");
    }

    @Test
    void textOverLimitGets400NamingField() throws Exception {
        HttpResponse<String> summary = post("/api/incidents", """
                {"summary": "%s", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""".formatted("s".repeat(201)));
        assertThat(summary.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(summary.body()).get("errors").get(0).get("field").asText()).isEqualTo("summary");

        String id = reportAssignedToNet();
        HttpResponse<String> reason = post("/api/incidents/" + id + "/reassign",
                "{\"group\": \"DB\", \"reason\": \"%s\"}".formatted("r".repeat(1_001)));
        assertThat(reason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reason.body()).get("errors").get(0).get("field").asText()).isEqualTo("reason");

        HttpResponse<String> note = post("/api/incidents/" + id + "/work-notes",
                "{\"text\": \"%s\"}".formatted("n".repeat(32_769)));
        assertThat(note.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(note.body()).get("errors").get(0).get("field").asText()).isEqualTo("text");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void unlistedSupportGroupGets400() throws Exception {
        String id = reportAssignedToNet();

        HttpResponse<String> response = post("/api/incidents/" + id + "/reassign",
                "{\"group\": \"NOWHERE\", \"reason\": \"try them\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("NOWHERE");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void requesterAcceptingGets403AndChangesNothing() throws Exception {
        String id = reportAssignedToNet();

        HttpResponse<String> response = postAs("rita", "/api/incidents/" + id + "/accept", "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("detail").asText()).contains("rita").contains("NET");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void acceptOnBehalfOfAnotherGets403() throws Exception {
        String id = reportAssignedToNet();

        HttpResponse<String> response = postAs("anna", "/api/incidents/" + id + "/accept",
                "{\"assignee\": \"dave\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void requesterReportingForAnotherGets403() throws Exception {
        HttpResponse<String> response = postAs("rita", "/api/incidents", """
                {"summary": "Mail is down", "requester": "desk", "impact": "LOW", "urgency": "LOW"}""");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("NOT_PERMITTED");
    }

    @Test
    void requesterGetsSameAnswerForForeignAndUnknownIncident() throws Exception {
        String id = reportAssignedToNet();
        HttpResponse<String> foreign = postAs("rita", "/api/incidents/" + reportForDesk() + "/close", "{}");
        HttpResponse<String> unknown = postAs("rita", "/api/incidents/INC-NOPE/close", "{}");

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(403);
        JsonNode foreignProblem = JSON.readTree(foreign.body());
        JsonNode unknownProblem = JSON.readTree(unknown.body());
        assertThat(foreignProblem.get("state").isNull()).isTrue();
        assertThat(foreignProblem.get("allowedCommands")).isEmpty();
        assertThat(foreignProblem.get("detail").asText()).doesNotContain("SERVICE-DESK").doesNotContain("desk ");
        assertThat(unknownProblem.get("detail").asText().replace("INC-NOPE", "ID"))
                .isEqualTo(foreignProblem.get("detail").asText().replace(foreignProblem.get("incidentId").asText(),
                        "ID"));
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void requesterRoutingOwnReportGets403() throws Exception {
        HttpResponse<String> routed = postAs("rita", "/api/incidents", """
                {"summary": "Mail is down", "impact": "LOW", "urgency": "LOW", "assignedGroup": "NET"}""");
        HttpResponse<String> owned = postAs("rita", "/api/incidents", """
                {"summary": "Mail is down", "impact": "LOW", "urgency": "LOW", "ownerGroup": "DB"}""");

        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(403);
        assertThat(owned.statusCode()).as(owned.body()).isEqualTo(403);
    }

    @Test
    void unknownUserOrNonMemberGets400() throws Exception {
        HttpResponse<String> ghost = post("/api/incidents", """
                {"summary": "Mail is down", "requester": "ghost", "impact": "LOW", "urgency": "LOW"}""");
        String id = reportAssignedToNet();
        HttpResponse<String> outsider = post("/api/incidents/" + id + "/reassign",
                "{\"assignee\": \"dave\", \"reason\": \"he knows mail\"}");

        assertThat(ghost.statusCode()).as(ghost.body()).isEqualTo(400);
        assertThat(JSON.readTree(ghost.body()).get("detail").asText()).contains("ghost");
        assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(400);
        assertThat(JSON.readTree(outsider.body()).get("detail").asText()).contains("dave").contains("NET");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void occurredAtDaysAgoGets400() throws Exception {
        String id = reportAssignedToNet();

        HttpResponse<String> response = postAs("anna", "/api/incidents/" + id + "/accept",
                "{\"occurredAt\": \"" + java.time.Instant.now().minus(java.time.Duration.ofDays(2)) + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("max-backdating");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void blankLookingTextGets400() throws Exception {
        for (String summary : List.of("\\u3000", "\\u00A0\\u00A0", "\\u200B", "Mail\\uFEFF down", "Mail\\uFFFF")) {
            HttpResponse<String> response = post("/api/incidents", "{\"summary\": \"" + summary + "\","
                    + " \"requester\": \"rita\", \"impact\": \"LOW\", \"urgency\": \"LOW\"}");

            assertThat(response.statusCode()).as(summary).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText()).as(summary)
                    .isEqualTo("summary");
        }
    }

    @Test
    void emptyOptionalTextGets400() throws Exception {
        HttpResponse<String> response = post("/api/incidents", """
                {"summary": "Mail is down", "requester": "rita", "category": "", "impact": "LOW", "urgency": "LOW"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText()).isEqualTo("category");
    }

    @Test
    void malformedJsonGets400() throws Exception {
        HttpResponse<String> response = post("/api/incidents", "{\"summary\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void invalidIncidentIdGets400() throws Exception {
        HttpResponse<String> response = post("/api/incidents/$where/accept", "{\"assignee\": \"anna\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("$where");
    }

    @Test
    void futureOccurredAtGets400AndChangesNothing() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/assign",
                "{\"group\": \"NET\", \"occurredAt\": \"2999-01-01T00:00:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("future");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void importAsFormDataGets415() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/imports"))
                .header("Authorization", users().authorization("adam"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void importWithInvalidZoneGets400() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/imports?format=servicenow&zone=Mars/Base"))
                .header("Authorization", users().authorization("adam"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("number\n")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("zone 'Mars/Base'");
    }

    @Test
    void importWithWorkersOutOfRangeGets400() throws Exception {
        for (String workers : new String[] {"0", "33"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/imports?workers=" + workers))
                    .header("Authorization", users().authorization("adam"))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("<log/>")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("detail").asText())
                    .contains("workers " + workers + " is out of range", "1 to 32");
        }
    }

    @Test
    void unknownImportGets404WithCode() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/imports/no-such-import"))
                .header("Authorization", users().authorization("adam")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("IMPORT_NOT_FOUND");
        assertThat(problem.get("type").asText()).isEqualTo("/problems/import-not-found");
        assertThat(problem.get("detail").asText()).contains("no-such-import", "upload the log again");
    }

    @Test
    void serviceNowCsvImportComparesCounters() throws Exception {
        String csv = """
                number,incident_state,reassignment_count,reopen_count,sys_mod_count,caller_id,opened_by,opened_at,\
                sys_updated_by,sys_updated_at,category,impact,urgency,assignment_group,assigned_to,closed_code,\
                resolved_by,resolved_at
                SN-API-1,New,0,0,0,Caller 1,Opened by 1,1/3/2016 08:00,Updated by 1,1/3/2016 08:05,?,2 - Medium,\
                2 - Medium,Group 1,?,code 1,?,?
                SN-API-1,Active,1,0,1,Caller 1,Opened by 1,1/3/2016 08:00,Updated by 2,1/3/2016 09:05,?,2 - Medium,\
                2 - Medium,Group 2,Resolver 3,code 1,?,?
                """;

        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(uri("/api/imports?format=servicenow&zone=UTC"))
                .header("Authorization", users().authorization("adam"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();

        JsonNode progress = JSON.readTree(started.body());
        for (int polls = 0; polls < 100 && "RUNNING".equals(progress.get("state").asText()); polls++) {
            Thread.sleep(100);
            progress = JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri(location))
                    .header("Authorization", users().authorization("adam")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        assertThat(progress.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(progress.get("format").asText()).isEqualTo("servicenow");
        assertThat(progress.get("appliedRecords").asLong()).isEqualTo(2);
        assertThat(progress.path("sourceCounters").path("reassignmentCountMatches").asLong()).isEqualTo(1);
        assertThat(progress.path("sourceCounters").path("reopenCountMatches").asLong()).isEqualTo(1);
        assertThat(storedEventTypes("SN-API-1")).containsExactly("IncidentReported", "IncidentAssigned",
                "IncidentReassigned", "AssignmentAccepted");
    }

    @Test
    void staleIfMatchGets412AndChangesNothing() throws Exception {
        HttpResponse<String> reported = post("/api/incidents", """
                {"summary": "Disk full", "requester": "rita", "impact": "LOW", "urgency": "LOW",
                 "assignedGroup": "NET"}""");
        String id = JSON.readTree(reported.body()).get("incidentId").asText();
        assertThat(reported.headers().firstValue("ETag")).hasValue("\"1\"");
        HttpResponse<String> accepted = postAs("anna", "/api/incidents/" + id + "/accept", "{}", "\"1\"");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("ETag")).hasValue("\"2\"");

        HttpResponse<String> stale = postAs("anna", "/api/incidents/" + id + "/pend", "{\"reason\": \"VENDOR\"}",
                "\"1\"");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(JSON.readTree(stale.body()).get("code").asText()).isEqualTo("VERSION_CONFLICT");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted");
    }

    @Test
    void malformedIfMatchGets400() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/assign", "{\"group\": \"NET\"}", "abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("If-Match");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void retryWithSameIdempotencyKeyReturnsFirstResult() throws Exception {
        String body = """
                {"summary": "Laptop stolen", "requester": "rita", "impact": "LOW", "urgency": "HIGH"}""";
        HttpResponse<String> first = postWithKey("/api/incidents", body, "key-report-1");
        HttpResponse<String> retry = postWithKey("/api/incidents", body, "key-report-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String id = JSON.readTree(first.body()).get("incidentId").asText();
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void retriedCommandCreatesNoSecondEvent() throws Exception {
        String id = reportNew();
        String note = "{\"text\": \"called the requester\"}";

        HttpResponse<String> first = postWithKey("/api/incidents/" + id + "/work-notes", note, "key-note-1");
        HttpResponse<String> retry = postWithKey("/api/incidents/" + id + "/work-notes", note, "key-note-1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "WorkNoteAdded");
    }

    @Test
    void sameKeyForOtherRequestGets422() throws Exception {
        String id = reportNew();
        postWithKey("/api/incidents/" + id + "/work-notes", "{\"text\": \"first\"}", "key-note-2");

        HttpResponse<String> other = postWithKey("/api/incidents/" + id + "/work-notes", "{\"text\": \"second\"}",
                "key-note-2");

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "WorkNoteAdded");
    }

    @Test
    void reportRetriedAfterReleasedKeyIsNotDuplicated() throws Exception {
        String body = """
                {"summary": "Badge reader offline", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""";
        HttpResponse<String> first = postWithKey("/api/incidents", body, "key-report-crash");
        String id = JSON.readTree(first.body()).get("incidentId").asText();
        // As at a start after a crash that came before the response was stored: the claim is gone.
        new JdbcTemplate(dataSource).update("DELETE FROM idempotency_record");

        HttpResponse<String> retry = postWithKey("/api/incidents", body, "key-report-crash");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(409);
        assertThat(JSON.readTree(retry.body()).get("code").asText()).isEqualTo("INCIDENT_ALREADY_EXISTS");
        assertThat(retry.body()).contains(id);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        String summary = "x".repeat(2 * 1024 * 1024);

        HttpResponse<String> response = post("/api/incidents", "{\"summary\": \"" + summary
                + "\", \"requester\": \"rita\", \"impact\": \"LOW\", \"urgency\": \"LOW\"}");

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void controlCharacterInSummaryGets400() throws Exception {
        HttpResponse<String> response = post("/api/incidents", """
                {"summary": "line one\\nline two", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("summary");
    }

    private HttpResponse<String> postWithKey(String path, String body, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", users().authorization("desk"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void enumAsNumberGets400() throws Exception {
        String id = reportNew();

        HttpResponse<String> number = post("/api/incidents/" + id + "/classify", "{\"impact\": 0, \"urgency\": \"HIGH\"}");
        HttpResponse<String> numberText = post("/api/incidents/" + id + "/classify",
                "{\"impact\": \"1\", \"urgency\": \"HIGH\"}");

        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(numberText.statusCode()).isEqualTo(400);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void booleanForTextFieldGets400() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/assign", "{\"group\": true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("group");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void unknownFieldGets400NamingIt() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/assign",
                "{\"group\": \"NET\", \"assigne\": \"anna\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("assigne").contains("assignee");
    }

    @Test
    void repeatedFieldGets400() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/assign",
                "{\"group\": \"NET\", \"group\": \"DB\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void missingFieldIsReportedAsMissing() throws Exception {
        String id = reportNew();

        HttpResponse<String> response = post("/api/incidents/" + id + "/assign", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("group is missing");
    }

    @Test
    void concurrentCommandsWithoutTimeNeverConflictOnTime() throws Exception {
        String id = reportAssignedToNet();
        HttpClient client = HttpClient.newHttpClient();
        String authorization = users().authorization("anna");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<HttpResponse<String>>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = "{\"text\": \"note " + i + "\"}";
            responses.add(pool.submit(() -> client.send(HttpRequest.newBuilder(uri("/api/incidents/" + id
                    + "/work-notes")).header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())));
        }
        pool.shutdown();

        for (java.util.concurrent.Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
        }
        assertThat(storedEventTypes(id)).as("reported, assigned and 40 notes").hasSize(42);
    }

    private String reportNew() throws Exception {
        HttpResponse<String> reported = post("/api/incidents", """
                {"summary": "Printer jammed", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""");
        assertThat(reported.statusCode()).isEqualTo(201);
        return JSON.readTree(reported.body()).get("incidentId").asText();
    }

    private List<String> storedEventTypes(String incidentId) {
        return eventStore.readEvents(incidentId).asStream()
                .map(DomainEventMessage::getPayloadType)
                .map(Class::getSimpleName)
                .toList();
    }

    /** Reports an incident of the requester desk, not assigned, and returns its id. */
    private String reportForDesk() throws Exception {
        HttpResponse<String> reported = post("/api/incidents", """
                {"summary": "Keyboard sticky", "requester": "desk", "impact": "LOW", "urgency": "LOW"}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        return JSON.readTree(reported.body()).get("incidentId").asText();
    }

    /** Reports an incident as the service desk, assigned to NET, and returns its id. */
    private String reportAssignedToNet() throws Exception {
        HttpResponse<String> reported = post("/api/incidents", """
                {"summary": "VPN drops", "requester": "rita", "impact": "LOW", "urgency": "LOW",
                 "assignedGroup": "NET"}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        return JSON.readTree(reported.body()).get("incidentId").asText();
    }

    /** Sends as the service desk analyst {@code desk}. */
    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, null);
    }

    private HttpResponse<String> post(String path, String body, String ifMatch) throws Exception {
        return postAs("desk", path, body, ifMatch);
    }

    private HttpResponse<String> postAs(String user, String path, String body) throws Exception {
        return postAs(user, path, body, null);
    }

    private HttpResponse<String> postAs(String user, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", users().authorization(user));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static TestUsers users() {
        return TestUsers.of(dataDir);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
