package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.security.DatabaseCredentials;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.organisation.OrganisationPublished;
import dev.incidents.command.config.StoreProperties;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.h2.api.ErrorCode;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication and the URL rules of the command API and the actuator, against the users of the test organisation
 * and the passwords the command side generated on start, and the users of the event store served over H2 TCP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandApiSecurityIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REPORT = """
            {"summary": "Mail bounces", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""";

    private static Path dataDir;

    @LocalServerPort
    int port;

    /** The web console's origin, which the command side allows by default. */
    @Value("${incidents.query-side-url}")
    String querySideUrl;

    @Autowired
    EventStore eventStore;

    @Autowired
    StoreProperties store;

    @Autowired
    Server h2TcpServer;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "command-security-test");
    }

    @Test
    void commandWithoutCredentialsGets401Problem() throws Exception {
        HttpResponse<String> response = post(null, "/api/incidents", REPORT);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).contains("POST /api/incidents");
    }

    @Test
    void wrongPasswordGets401Problem() throws Exception {
        HttpResponse<String> response = post(TestUsers.basic("desk", "not-the-password"), "/api/incidents", REPORT);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("password is wrong");
    }

    @Test
    void consolePreflightIsAnsweredWithoutCredentials() throws Exception {
        HttpResponse<String> response = preflight(querySideUrl, "/api/incidents/INC-1/accept");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(querySideUrl);
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("authorization", "if-match"));
    }

    @Test
    void consoleCommandGetsCorsHeadersOnRejection() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/incidents"))
                .header("Origin", querySideUrl)
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.basic("desk", "not-the-password"))
                .POST(HttpRequest.BodyPublishers.ofString(REPORT)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(querySideUrl);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("ETag"));
    }

    @Test
    void preflightFromOtherOriginIsRejected() throws Exception {
        HttpResponse<String> response = preflight("http://127.0.0.1:1", "/api/incidents/INC-1/accept");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void healthNeedsNoCredentials() throws Exception {
        HttpResponse<String> response = get(null, "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void healthShowsAnonymousCallerStatusOnly() throws Exception {
        HttpResponse<String> response = get(null, "/actuator/health");

        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.has("components")).as(response.body()).isFalse();
        assertThat(health.has("details")).as(response.body()).isFalse();
        assertThat(response.body()).doesNotContain(dataDir.toString());
    }

    @Test
    void healthShowsAdminComponents() throws Exception {
        HttpResponse<String> response = get(users().authorization("adam"), "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = JSON.readTree(response.body()).path("components");
        assertThat(components.has("db")).as(response.body()).isTrue();
        assertThat(components.has("diskSpace")).as(response.body()).isTrue();
    }

    @Test
    void requesterReadingMetricsGets403() throws Exception {
        HttpResponse<String> response = get(users().authorization("rita"), "/actuator/metrics");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void nonAdminRolesReadingActuatorGet403() throws Exception {
        for (String user : List.of("desk", "anna", "mike", "audrey", "ana")) {
            assertThat(get(users().authorization(user), "/actuator").statusCode()).as(user).isEqualTo(403);
            assertThat(get(users().authorization(user), "/actuator/info").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(get(null, "/actuator/metrics").statusCode()).isEqualTo(401);
    }

    @Test
    void adminReadsMetrics() throws Exception {
        HttpResponse<String> response = get(users().authorization("adam"), "/actuator/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("names").size()).isPositive();
    }

    @Test
    void eventStoreRejectsDefaultAdminOverTcp() {
        assertThatThrownBy(() -> DriverManager.getConnection(eventStoreTcpUrl(), "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, rejected ->
                        assertThat(rejected.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }

    @Test
    void eventStoreReaderOnlyReadsEvents() throws Exception {
        postAs("desk", "/api/incidents", REPORT);
        DatabaseCredentials reader = DatabaseCredentials.read(store.eventStoreReaderFile());

        try (Connection connection = DriverManager.getConnection(eventStoreTcpUrl(), reader.username(),
                reader.password()); Statement statement = connection.createStatement()) {
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
                count.next();
                assertThat(count.getLong(1)).isPositive();
            }
            for (String table : List.of("SnapshotEventEntry", "idempotency_record", "scheduled_tasks")) {
                assertRejected(statement, "SELECT * FROM " + table, ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            }
            assertRejected(statement, "DELETE FROM DomainEventEntry", ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            assertRejected(statement, "CREATE ALIAS READ_FILE FOR 'java.nio.file.Files.readString'",
                    ErrorCode.ADMIN_RIGHTS_REQUIRED);
        }
    }

    @Test
    void eventStoreServerRejectsShutdownWithoutPassword() {
        assertThatThrownBy(() -> Server.shutdownTcpServer("tcp://127.0.0.1:" + store.h2Port(), "", false, false))
                .isInstanceOf(SQLException.class);
        assertThat(h2TcpServer.isRunning(false)).isTrue();
    }

    @Test
    void analystPostingCommandGets403() throws Exception {
        HttpResponse<String> response = postAs("ana", "/api/incidents", REPORT);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("detail").asText()).contains("ana").contains("ANALYST");
    }

    @Test
    void auditorPostingCommandGets403() throws Exception {
        assertThat(postAs("audrey", "/api/incidents", REPORT).statusCode()).isEqualTo(403);
    }

    @Test
    void specialistPostingImportGets403() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/imports"))
                .header("Authorization", users().authorization("anna"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("<log/>")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("NOT_PERMITTED");
    }

    @Test
    void importRecordsAdminWhoStartedIt() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/imports"))
                .header("Authorization", users().authorization("adam"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("<log/>")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("startedBy").asText()).isEqualTo("adam");
    }

    @Test
    void actorIsAuthenticatedUser() throws Exception {
        HttpResponse<String> reported = postAs("desk", "/api/incidents", """
                {"summary": "Mail bounces", "requester": "rita", "impact": "LOW", "urgency": "LOW",
                 "assignedGroup": "NET"}""");
        String id = JSON.readTree(reported.body()).get("incidentId").asText();
        postAs("anna", "/api/incidents/" + id + "/work-notes", "{\"text\": \"looked at the mail relay\"}");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id).asStream().toList();

        IncidentReported report = (IncidentReported) events.get(0).getPayload();
        assertThat(report.actor().user().value()).isEqualTo("desk");
        assertThat(report.actor().group().value()).isEqualTo("SERVICE-DESK");
        assertThat(report.requester().value()).isEqualTo("rita");
        assertThat(events.get(0).getMetaData().get(CallerMetaData.USER)).isEqualTo("desk");
        WorkNoteAdded note = (WorkNoteAdded) events.get(2).getPayload();
        assertThat(note.actor().user().value()).isEqualTo("anna");
        assertThat(note.actor().group().value()).isEqualTo("NET");
        assertThat(events.get(2).getMetaData().get(CallerMetaData.USER)).isEqualTo("anna");
    }

    @Test
    void eventsCarryPublishedOrganisationVersion() throws Exception {
        HttpResponse<String> reported = postAs("desk", "/api/incidents", REPORT);
        String id = JSON.readTree(reported.body()).get("incidentId").asText();

        List<? extends DomainEventMessage<?>> organisation = eventStore.readEvents("organisation").asStream()
                .toList();
        DomainEventMessage<?> report = eventStore.readEvents(id).asStream().findFirst().orElseThrow();

        assertThat(organisation).hasSize(1);
        OrganisationPublished published = (OrganisationPublished) organisation.get(0).getPayload();
        assertThat(published.version()).isEqualTo(1);
        assertThat(published.users()).hasSize(8);
        assertThat(((Number) report.getMetaData().get(CallerMetaData.ORGANISATION_VERSION)).longValue())
                .isEqualTo(published.version());
    }

    @Test
    void requesterReportsOnlyInOwnName() throws Exception {
        HttpResponse<String> forOther = postAs("rita", "/api/incidents", """
                {"summary": "VPN down", "requester": "desk", "impact": "LOW", "urgency": "LOW"}""");
        HttpResponse<String> withoutRequester = postAs("rita", "/api/incidents", """
                {"summary": "VPN down", "impact": "LOW", "urgency": "LOW"}""");

        assertThat(forOther.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forOther.body()).get("detail").asText()).contains("own name");
        assertThat(withoutRequester.statusCode()).isEqualTo(201);
        String id = JSON.readTree(withoutRequester.body()).get("incidentId").asText();
        IncidentReported report = (IncidentReported) eventStore.readEvents(id).asStream().findFirst().orElseThrow()
                .getPayload();
        assertThat(report.requester().value()).isEqualTo("rita");
        assertThat(report.actor().user().value()).isEqualTo("rita");
    }

    @Test
    void idempotencyKeyOfOtherUserReplaysNothing() throws Exception {
        HttpResponse<String> first = postWithKey("desk", REPORT, "key-shared");
        HttpResponse<String> other = postWithKey("anna", REPORT, "key-shared");
        HttpResponse<String> retry = postWithKey("desk", REPORT, "key-shared");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(JSON.readTree(other.body()).get("incidentId").asText())
                .isNotEqualTo(JSON.readTree(first.body()).get("incidentId").asText());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void demoCredentialsAreOwnerOnlyAndHashed() throws Exception {
        Path credentials = TestUsers.credentialsFile(dataDir);
        Path passwords = credentials.resolveSibling("passwords");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.getParent())))
                .isEqualTo("rwx------");
        String hashes = Files.readString(passwords);
        for (String line : Files.readAllLines(credentials)) {
            String[] fields = line.split(" ");
            assertThat(fields).as(line).hasSize(3);
            assertThat(fields[1]).hasSize(20);
            assertThat(hashes).doesNotContain(fields[1]);
            assertThat(hashes).contains(fields[0] + ":{bcrypt}$2a$04$");
        }
    }

    private static void assertRejected(Statement statement, String sql, int errorCode) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, rejected ->
                        assertThat(rejected.getErrorCode()).as(sql).isEqualTo(errorCode));
    }

    private String eventStoreTcpUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + store.h2Port() + "/events";
    }

    private HttpResponse<String> preflight(String origin, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String authorization, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postWithKey(String user, String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/api/incidents"))
                .header("Authorization", users().authorization(user))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postAs(String user, String path, String body) throws Exception {
        return post(users().authorization(user), path, body);
    }

    private HttpResponse<String> post(String authorization, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TestUsers users() {
        return TestUsers.of(dataDir);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
