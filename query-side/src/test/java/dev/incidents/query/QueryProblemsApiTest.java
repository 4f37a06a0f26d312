package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;

import dev.incidents.api.access.Role;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.TestOrganisation;
import dev.incidents.query.testing.TestStores;

/**
 * Checks the problem details of the query API for every status it sends, malformed paths sent to the real Tomcat,
 * strings that look like MongoDB operators, and who may read statistics and projection status.
 */
class QueryProblemsApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser RITA = ApiUser.basic("rita");
    private static final ApiUser ADAM = ApiUser.basic("adam");

    /** A user of the test organisation holding only that role, in NETWORK where the role has groups. */
    private static final Map<Role, ApiUser> USER_WITH_ROLE = Map.of(
            Role.REQUESTER, RITA,
            Role.SERVICE_DESK, ApiUser.basic("alice"),
            Role.SPECIALIST, ApiUser.basic("sam"),
            Role.MANAGER, ApiUser.basic("mona"),
            Role.AUDITOR, AUDREY,
            Role.ANALYST, ApiUser.basic("ana"),
            Role.ADMIN, ApiUser.basic("adam"));

    /** Values that MongoDB would read as operators or field paths if they reached a query unquoted. */
    private static final List<String> OPERATOR_LIKE = List.of("$where", "{\"$ne\": null}", "{\"$gt\": \"\"}",
            "a.b", "$gt", "requester.$ne");

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void appendIncidents() {
        STORES.events().append(
                reported("P-1", "carol", minute(0)),
                assigned("P-1", "NETWORK", "sam", minute(1)),
                reported("P-2", "$where", minute(2)),
                assigned("P-2", "$where", "$where", minute(3)),
                reported("P-3", "rita", minute(4)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends a raw GET as the auditor to the running Tomcat, so the path reaches it exactly as written and passes the
     * whole filter chain, Spring Security's firewall included.
     */
    private HttpReply rawGet(String path) throws IOException {
        String credentials = Base64.getEncoder().encodeToString(
                (AUDREY.name() + ":" + TestOrganisation.password(AUDREY.name())).getBytes(StandardCharsets.UTF_8));
        return rawGet(path, "Basic " + credentials);
    }

    /** Sends a raw GET with the given {@code Authorization} header value. */
    private HttpReply rawGet(String path, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headerEnd);
            String body = response.substring(headerEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new HttpReply(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int position = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", position);
            int length = Integer.parseInt(chunked.substring(position, lineEnd).trim(), 16);
            if (length == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + length);
            position = lineEnd + 2 + length + 2;
        }
    }

    private record HttpReply(int status, String head, String body) {
    }

    private void assertProblem(JsonNode problem, int status, String code) {
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    @Test
    void everyStatusHasCodeAndType() throws Exception {
        awaitCaughtUp();

        assertProblem(read(AUDREY, "/api/incidents/bad%20id", 400), 400, "INVALID_INPUT");
        assertProblem(read(AUDREY, "/api/queues/service-desk?size=0", 400), 400, "INVALID_INPUT");
        assertProblem(read(RITA, "/api/incidents/P-1", 403), 403, "NOT_PERMITTED");
        assertProblem(read(AUDREY, "/api/incidents/P-404", 404), 404, "INCIDENT_NOT_FOUND");
        assertProblem(read(AUDREY, "/api/no-such-endpoint", 404), 404, "RESOURCE_NOT_FOUND");

        MockHttpServletResponse notAllowed = perform(AUDREY, post("/api/incidents/P-1")).getResponse();
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertProblem(json.readTree(notAllowed.getContentAsString()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void instantBeyondYear9999Gets400() throws Exception {
        awaitCaughtUp();
        Map<String, String> requests = Map.of(
                "/api/queues/service-desk?asOf=-999999999-01-01T00:00:00Z", "asOf",
                "/api/queues/groups/NETWORK?asOf=-0001-12-31T23:59:59Z", "asOf",
                "/api/exports/events.csv?from=-999999999-01-01T00:00:00Z", "from",
                "/api/exports/events.xes?to=%2B999999999-12-31T23:59:59Z", "to",
                "/api/refusals?from=-999999999-01-01T00:00:00Z", "from",
                "/api/refusals?to=%2B10000-01-01T00:00:00Z", "to",
                "/api/analytics/throughput?from=-999999999-01-01T00:00:00Z", "from");

        for (Map.Entry<String, String> request : requests.entrySet()) {
            JsonNode problem = read(AUDREY, request.getKey(), 400);
            assertProblem(problem, 400, "INVALID_INPUT");
            assertThat(problem.path("parameter").asText()).as(request.getKey()).isEqualTo(request.getValue());
            assertThat(problem.path("detail").asText()).as(request.getKey()).contains("0001 to 9999");
        }
    }

    @Test
    void serverFailureGetsQueryFailedWithoutCause() throws Exception {
        awaitCaughtUp();
        // A summary with a state that IncidentState lacks, so reading it fails inside the query handler.
        MongoCollection<Document> summaries = STORES.mongo().client().getDatabase(InMemoryMongo.DATABASE)
                .getCollection("incident_summaries");
        summaries.insertOne(new Document("_id", "P-9").append("state", "STATE_FROM_ldap_10_0_0_1")
                .append("requester", "carol").append("ownerGroup", "SERVICE-DESK"));

        MockHttpServletResponse response;
        try {
            response = perform(AUDREY, get("/api/incidents/P-9")).getResponse();
        } finally {
            summaries.deleteOne(new Document("_id", "P-9"));
        }

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertProblem(json.readTree(response.getContentAsString()), 500, "QUERY_FAILED");
        assertThat(response.getContentAsString()).doesNotContain("ldap", "IncidentState", "Exception");
    }

    @Test
    void malformedPathsGetProblemJsonFromTomcat() throws Exception {
        List<String> paths = List.of("/api/incidents/a%2Fb", "/api/incidents/..%2F..%2Fetc", "/api/incidents/a%5Cb",
                "/api/incidents/%00", "/api/incidents/P-1%00", "/api/incidents/%zz", "/api/incidents/%C0%AF",
                "/api/queues/groups/%00", "/api/incidents/P-1/history%00");
        for (String path : paths) {
            HttpReply reply = rawGet(path);

            assertThat(reply.status()).as("status of %s: %s", path, reply.body()).isEqualTo(400);
            assertThat(reply.head()).as(path).containsIgnoringCase("Content-Type: application/problem+json");
            JsonNode problem = json.readTree(reply.body());
            assertProblem(problem, 400, "INVALID_INPUT");
            assertThat(problem.get("value").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void oversizedHeaderGets431Problem() throws Exception {
        HttpReply reply = rawGet("/api/incidents/P-1", "Basic " + "a".repeat(100 * 1024));

        assertThat(reply.status()).as(reply.body()).isEqualTo(431);
        assertThat(reply.head()).containsIgnoringCase("Content-Type: application/problem+json");
        JsonNode problem = json.readTree(reply.body());
        assertProblem(problem, 431, "HEADERS_TOO_LARGE");
        assertThat(problem.get("detail").asText()).contains("headers").doesNotContain("URI");
    }

    @Test
    void separatorsInIdsGetProblemJson() throws Exception {
        for (String path : List.of("/api/incidents/P-1;a", "/api/incidents/P-1%3B", "/api/incidents/%2e%2e",
                "/api/incidents/P-1%2E%2E/history", "/api/incidents/P-1%0A", "/api/incidents/a%0Ab/history")) {
            HttpReply reply = rawGet(path);

            assertThat(reply.status()).as("status of %s: %s", path, reply.body()).isEqualTo(400);
            assertThat(reply.head()).as(path).containsIgnoringCase("Content-Type: application/problem+json");
            assertProblem(json.readTree(reply.body()), 400, "INVALID_INPUT");
            assertThat(reply.body()).as(path).doesNotContain("timestamp");
        }
    }

    @Test
    void errorPageGetsProblemJson() throws Exception {
        HttpReply reply = rawGet("/error");

        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertProblem(json.readTree(reply.body()), 404, "RESOURCE_NOT_FOUND");
        assertThat(reply.body()).doesNotContain("timestamp");
    }

    @Test
    void encodedSlashInGroupIsRejectedByFirewall() throws Exception {
        awaitCaughtUp();

        HttpReply reply = rawGet("/api/queues/groups/NETWORK%2F..%2FDATABASE");

        // Spring Security's firewall rejects an encoded slash anywhere in the path, before any group is read.
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.head()).containsIgnoringCase("Content-Type: application/problem+json");
        JsonNode problem = json.readTree(reply.body());
        assertProblem(problem, 400, "INVALID_INPUT");
        assertThat(problem.get("value").asText()).startsWith("/api/queues/groups/NETWORK%2F");
        assertThat(problem.has("items")).isFalse();
    }

    @Test
    void operatorLikeIncidentIdsMatchNothing() throws Exception {
        awaitCaughtUp();

        for (String value : OPERATOR_LIKE) {
            String path = "/api/incidents/" + encode(value);
            int status = perform(AUDREY, get(URI.create(path))).getResponse().getStatus();
            // An id with a letter or digit first and only . _ : - after it is well-formed and simply unknown.
            int expected = value.equals("a.b") ? 404 : 400;
            assertThat(status).as(path).isEqualTo(expected);
            if (expected == 400) {
                assertThat(read(AUDREY, path, 400).get("parameter").asText()).isEqualTo("id");
                assertThat(read(AUDREY, path + "/history", 400).get("parameter").asText()).isEqualTo("id");
            }
        }
    }

    @Test
    void operatorLikeQueueSubjectsMatchOnlyThemselves() throws Exception {
        awaitCaughtUp();

        for (String value : OPERATOR_LIKE) {
            for (String queue : List.of("groups", "assignees", "requesters")) {
                JsonNode page = read(AUDREY, "/api/queues/" + queue + "/" + encode(value), 200);

                List<String> ids = page.get("items").findValuesAsText("incidentId");
                // Only P-2 carries the literal value $where as its group, assignee and requester.
                assertThat(ids).as("%s %s", queue, value).isEqualTo(value.equals("$where") ? List.of("P-2")
                        : List.of());
            }
        }
    }

    @Test
    void operatorLikePagingGets400NamingParameter() throws Exception {
        for (String value : OPERATOR_LIKE) {
            for (String parameter : List.of("page", "size")) {
                JsonNode problem = read(AUDREY, "/api/queues/service-desk?" + parameter + "=" + encode(value), 400);

                assertProblem(problem, 400, "INVALID_INPUT");
                assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
                assertThat(problem.get("value").asText()).isEqualTo(value);
            }
        }
    }

    @Test
    void unknownQueueParametersGet400() throws Exception {
        awaitCaughtUp();

        for (String queue : List.of("service-desk", "groups/NETWORK", "assignees/sam", "requesters/rita")) {
            JsonNode misspelled = read(AUDREY, "/api/queues/" + queue + "?pageSize=5", 400);

            assertProblem(misspelled, 400, "INVALID_INPUT");
            assertThat(misspelled.get("parameter").asText()).as(queue).isEqualTo("pageSize");
            assertThat(misspelled.get("value").asText()).as(queue).isEqualTo("5");
            assertThat(misspelled.get("allowedParameters")).as(queue).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("page", "size", "asOf", "timeAxis");
        }

        JsonNode withOperators = read(RITA, "/api/queues/requesters/rita?requester%5B%24ne%5D=x&%24where=1"
                + "&state=%7B%22%24ne%22%3Anull%7D", 400);
        assertThat(withOperators.get("parameter").asText()).isEqualTo("$where");
        assertThat(read(RITA, "/api/queues/requesters/rita", 200).get("items").findValuesAsText("incidentId"))
                .containsExactly("P-3");
    }

    @Test
    void repeatedQueueParameterGets400() throws Exception {
        awaitCaughtUp();

        JsonNode repeated = read(AUDREY, "/api/queues/service-desk?size=5&size=10", 400);

        assertProblem(repeated, 400, "INVALID_INPUT");
        assertThat(repeated.get("parameter").asText()).isEqualTo("size");
        assertThat(repeated.get("value").asText()).isEqualTo("5,10");
        assertThat(repeated.get("detail").asText()).contains("give size once");
    }

    /**
     * One endpoint of each controller: the method, the path and a parameter it reads, or null where it reads none.
     * Every request goes out as ADMIN, who passes every URL rule, so the status shows the parameter check alone.
     */
    private record Endpoint(String method, String path, String parameter) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/incidents/P-1", "asOf"),
            new Endpoint("GET", "/api/incidents/P-1/history", "asOf"),
            new Endpoint("GET", "/api/incidents/P-1/service-level", "asOf"),
            new Endpoint("GET", "/api/incidents/P-1/verification", null),
            new Endpoint("GET", "/api/incidents/P-1/refusals", "user"),
            new Endpoint("GET", "/api/refusals", "user"),
            new Endpoint("GET", "/api/exports/events.csv", "state"),
            new Endpoint("GET", "/api/exports/events.xes", "state"),
            new Endpoint("GET", "/api/statistics", null),
            new Endpoint("GET", "/api/organisation", null),
            new Endpoint("GET", "/api/organisation/versions/1", null),
            new Endpoint("GET", "/api/projections", null),
            new Endpoint("GET", "/api/projections/refusal-log/rebuild", null),
            new Endpoint("POST", "/api/projections/refusal-log/rebuild", null),
            new Endpoint("GET", "/api/projections/refusal-log/fingerprint", null),
            new Endpoint("GET", "/api/dead-letters", null),
            new Endpoint("GET", "/api/dead-letters/refusal-log", null),
            new Endpoint("POST", "/api/dead-letters/refusal-log/retry", null),
            new Endpoint("POST", "/api/dead-letters/refusal-log/sequences/S-1/retry", null),
            new Endpoint("DELETE", "/api/dead-letters/refusal-log/sequences/S-1", null),
            new Endpoint("GET", "/api/service-levels/calendars", null),
            new Endpoint("GET", "/api/service-levels/calendars/EMEA", null),
            new Endpoint("GET", "/api/service-levels/calendars/EMEA/versions/1", null),
            new Endpoint("GET", "/api/service-levels/policies", null),
            new Endpoint("GET", "/api/service-levels/policies/STANDARD", null),
            new Endpoint("GET", "/api/service-levels/policies/STANDARD/versions/1", null),
            new Endpoint("POST", "/api/analytics/what-if", null));

    private JsonNode send(Endpoint endpoint, String query, int expectedStatus) throws Exception {
        URI uri = URI.create(endpoint.path() + "?" + query);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(endpoint.method()),
                uri);
        if (endpoint.method().equals("POST")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        MockHttpServletResponse response = perform(ADAM, request).getResponse();
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as("status of %s %s with body %s", endpoint.method(), uri, body)
                .isEqualTo(expectedStatus);
        return json.readTree(body);
    }

    @Test
    void unknownParameterGets400OnEveryEndpoint() throws Exception {
        awaitCaughtUp();

        for (Endpoint endpoint : ENDPOINTS) {
            JsonNode problem = send(endpoint, "stat=CLOSED", 400);

            assertProblem(problem, 400, "INVALID_INPUT");
            assertThat(problem.get("parameter").asText()).as(endpoint.path()).isEqualTo("stat");
            assertThat(problem.get("value").asText()).as(endpoint.path()).isEqualTo("CLOSED");
            assertThat(problem.get("detail").asText()).as(endpoint.path()).contains("unknown query parameter 'stat'");
            List<String> allowed = new ArrayList<>();
            problem.get("allowedParameters").forEach(name -> allowed.add(name.asText()));
            if (endpoint.parameter() == null) {
                assertThat(allowed).as(endpoint.path()).isEmpty();
            } else {
                assertThat(allowed).as(endpoint.path()).contains(endpoint.parameter());
            }
        }
    }

    @Test
    void repeatedParameterGets400OnEveryEndpoint() throws Exception {
        awaitCaughtUp();

        for (Endpoint endpoint : ENDPOINTS) {
            String name = endpoint.parameter() == null ? "user" : endpoint.parameter();
            JsonNode problem = send(endpoint, name + "=a&" + name + "=b", 400);

            assertProblem(problem, 400, "INVALID_INPUT");
            assertThat(problem.get("parameter").asText()).as(endpoint.path()).isEqualTo(name);
            if (endpoint.parameter() != null) {
                assertThat(problem.get("value").asText()).as(endpoint.path()).isEqualTo("a,b");
                assertThat(problem.get("detail").asText()).as(endpoint.path()).contains("given 2 times");
            }
        }
    }

    @Test
    void parametersAreCheckedAfterPathBeforePermissions() throws Exception {
        awaitCaughtUp();

        JsonNode badPath = read(RITA, "/api/incidents/bad%20id?foo=1", 400);
        JsonNode foreign = read(RITA, "/api/incidents/P-1?foo=1", 400);
        JsonNode foreignHistory = read(RITA, "/api/incidents/P-1/history?foo=1", 400);
        JsonNode badVersion = read(ADAM, "/api/organisation/versions/zero?foo=1", 400);

        assertThat(badPath.get("parameter").asText()).isEqualTo("id");
        assertThat(foreign.get("parameter").asText()).isEqualTo("foo");
        assertThat(foreignHistory.get("parameter").asText()).isEqualTo("foo");
        assertThat(badVersion.get("parameter").asText()).isEqualTo("version");
        read(RITA, "/api/incidents/P-1", 403);
    }

    @Test
    void timeAxisWithoutAsOfGets400() throws Exception {
        awaitCaughtUp();

        for (String path : List.of("/api/incidents/P-1", "/api/incidents/P-1/history",
                "/api/incidents/P-1/service-level")) {
            JsonNode problem = read(AUDREY, path + "?timeAxis=recorded", 400);

            assertProblem(problem, 400, "INVALID_INPUT");
            assertThat(problem.get("parameter").asText()).as(path).isEqualTo("timeAxis");
            assertThat(problem.get("value").asText()).as(path).isEqualTo("recorded");
            assertThat(problem.get("detail").asText()).as(path).contains("needs asOf");
        }
        String now = URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8);
        read(AUDREY, "/api/incidents/P-1?timeAxis=recorded&asOf=" + now, 200);
    }

    @Test
    void operatorLikeCallerValuesMatchNothing() throws Exception {
        awaitCaughtUp();
        // An organisation file allows no spaces or colons in user ids, and lists every group, but a JWT may name any
        // user and group.
        ApiUser requester = ApiUser.jwtCaller("{\"$ne\": null}", List.of(Role.REQUESTER), List.of());
        ApiUser specialist = ApiUser.jwtCaller("{\"$gt\": \"\"}", List.of(Role.SPECIALIST),
                List.of("{\"$ne\": null}", "a.b"));

        JsonNode requesterPage = read(requester, "/api/queues/requesters/" + encode("{\"$ne\": null}"), 200);
        JsonNode specialistPage = read(specialist, "/api/queues/groups/" + encode("{\"$ne\": null}"), 200);

        assertThat(requesterPage.get("total").asLong()).isZero();
        assertThat(specialistPage.get("total").asLong()).isZero();
        read(requester, "/api/incidents/P-3", 403);
        read(specialist, "/api/incidents/P-1", 403);
        ApiUser whereSpecialist = ApiUser.jwtCaller("$where", List.of(Role.SPECIALIST), List.of("$where"));
        assertThat(read(whereSpecialist, "/api/queues/groups/%24where", 200).get("items")
                .findValuesAsText("incidentId")).containsExactly("P-2");
    }

    @Test
    void statisticsOnlyForRolesThatSeeAllFigures() throws Exception {
        awaitCaughtUp();

        for (Role role : List.of(Role.SERVICE_DESK, Role.MANAGER, Role.AUDITOR, Role.ANALYST, Role.ADMIN)) {
            ApiUser user = USER_WITH_ROLE.get(role);
            assertThat(read(user, "/api/statistics", 200).get("incidents").asLong()).as(role.name()).isEqualTo(3);
        }
        for (Role role : List.of(Role.REQUESTER, Role.SPECIALIST)) {
            ApiUser user = USER_WITH_ROLE.get(role);
            JsonNode problem = read(user, "/api/statistics", 403);
            assertProblem(problem, 403, "NOT_PERMITTED");
            assertThat(problem.get("resource").asText()).isEqualTo("statistics");
            assertThat(problem.get("detail").asText()).contains(user.name() + " holds " + role.name());
        }
    }

    @Test
    void projectionStatusForEveryCaller() throws Exception {
        for (ApiUser user : List.of(RITA, ApiUser.jwtCaller("nobody", List.of(), List.of()))) {
            assertThat(read(user, "/api/projections", 200).has("caughtUp")).isTrue();
        }
    }
}
