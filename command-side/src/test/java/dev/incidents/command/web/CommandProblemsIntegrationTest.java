package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.refusal.CommandRefused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every error of the command API is a problem detail with a {@code code} and a matching {@code type},
 * whether Tomcat, Spring Security's firewall, a filter, the error page or a controller produced it, and that the
 * rejected requests change nothing in the event store. Requests go over raw sockets, so malformed paths and headers
 * reach Tomcat exactly as written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandProblemsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Paths where a test filter fails outside Spring MVC, as a container or a filter would. */
    private static final String SEND_ERROR_PATH = "/test/send-error";
    private static final String THROW_PATH = "/test/throw";

    private static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "command-problems-test");
    }

    @TestConfiguration
    static class FailingFilter {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
            OncePerRequestFilter filter = new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                FilterChain chain) throws IOException {
                    if (request.getRequestURI().equals(THROW_PATH)) {
                        throw new IllegalStateException("secret internal state 10.0.0.1");
                    }
                    response.sendError(400, "secret reason");
                }
            };
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
            registration.addUrlPatterns(SEND_ERROR_PATH, THROW_PATH);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @Test
    void malformedPathsGetProblemJson() throws Exception {
        String id = reportNew();
        long events = storedEventCount();
        List<String> paths = List.of("/api/incidents/%2F/classify", "/api/incidents/..%2F..%2Fetc",
                "/api/incidents/" + id + "%2F/classify", "/api/incidents/%00", "/api/incidents/" + id + "%00/classify",
                "/api/incidents/%zz", "/api/incidents/%C0%AF", "/api/incidents/a%5Cb", "/%2e%2e/api/incidents");

        for (String path : paths) {
            Reply reply = send("POST", path, Map.of("Content-Type", "application/json"), CLASSIFY);

            assertProblem(reply, 400, "INVALID_INPUT");
            assertThat(reply.json().get("value").asText()).as(path).isNotBlank();
        }
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void separatorsInIdGetProblemJson() throws Exception {
        String id = reportNew();
        long events = storedEventCount();

        for (String path : List.of(id + ";a", id + "%3B", "%2e%2e", id + "%2E%2E", id + "%0A", "a%0Ab")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                Reply reply = send(method, "/api/incidents/" + path + "/classify",
                        Map.of("Content-Type", "application/json"), CLASSIFY);

                assertProblem(reply, 400, "INVALID_INPUT");
                assertThat(reply.body()).as(path).doesNotContain("timestamp");
            }
        }
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void oversizedHeaderGets431Problem() throws Exception {
        long events = storedEventCount();

        Reply reply = sendRaw("POST", "/api/incidents", List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("Authorization", "Basic " + "a".repeat(100 * 1024))), REPORT);

        assertProblem(reply, 431, "HEADERS_TOO_LARGE");
        assertThat(reply.json().get("detail").asText()).contains("headers").doesNotContain("URI");
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void errorPageGetsProblemJson() throws Exception {
        Reply direct = send("GET", "/error", Map.of(), "");
        assertProblem(direct, 404, "RESOURCE_NOT_FOUND");

        Reply sent = send("GET", SEND_ERROR_PATH, Map.of(), "");
        assertProblem(sent, 400, "INVALID_INPUT");
        assertThat(sent.json().get("value").asText()).isEqualTo(SEND_ERROR_PATH);
        assertThat(sent.body()).doesNotContain("secret", "timestamp");

        Reply thrown = send("GET", THROW_PATH, Map.of(), "");
        assertProblem(thrown, 500, "SERVER_ERROR");
        assertThat(thrown.body()).doesNotContain("secret", "10.0.0.1", "Exception", "timestamp");
    }

    @Test
    void unknownPathsAndReadsGet404And405() throws Exception {
        String id = reportNew();
        long events = storedEventCount();

        assertProblem(send("GET", "/api/no-such-endpoint", Map.of(), ""), 404, "RESOURCE_NOT_FOUND");
        assertProblem(send("GET", "/api/incidents/" + id, Map.of(), ""), 404, "RESOURCE_NOT_FOUND");
        assertProblem(send("DELETE", "/api/incidents/" + id, Map.of(), ""), 404, "RESOURCE_NOT_FOUND");
        Reply notAllowed = send("GET", "/api/incidents", Map.of(), "");
        assertProblem(notAllowed, 405, "METHOD_NOT_ALLOWED");
        assertThat(notAllowed.body()).doesNotContain("static resource");
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void fractionalOrQuotedNumberGets400() throws Exception {
        String id = reportNew();

        for (String body : List.of("{\"satisfaction\": 4.5}", "{\"satisfaction\": \"5\"}",
                "{\"satisfaction\": true}")) {
            Reply reply = post("/api/incidents/" + id + "/close", body);

            assertProblem(reply, 400, "INVALID_INPUT");
            assertThat(reply.json().get("detail").asText()).as(body).contains("satisfaction")
                    .contains("whole number");
        }
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void numericOccurredAtGets400() throws Exception {
        String id = reportNew();

        for (String time : List.of("1700000000", "1700000000.5", "\"\"")) {
            Reply reply = post("/api/incidents/" + id + "/assign", "{\"group\": \"NET\", \"occurredAt\": " + time + "}");

            assertProblem(reply, 400, "INVALID_INPUT");
            assertThat(reply.json().get("detail").asText()).as(time).contains("occurredAt").contains("ISO-8601");
        }
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void nullBodyGets400() throws Exception {
        String id = reportNew();

        for (String command : List.of("accept", "resume", "close")) {
            Reply reply = post("/api/incidents/" + id + "/" + command, "null");

            assertProblem(reply, 400, "INVALID_INPUT");
            assertThat(reply.json().get("detail").asText()).as(command).contains("not a JSON object");
        }
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void postWithoutLengthOrBodyIsLikeEmptyBody() throws Exception {
        String id = reportNew();
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Authorization", users().authorization("desk")));

        for (String command : List.of("classify", "assign", "accept", "reassign", "return-to-service-desk",
                "release", "work-notes", "pend", "resume", "escalate", "resolve", "reject-resolution", "reopen",
                "close", "cancel", "mark-duplicate", "transfer-ownership", "resolution-promise")) {
            Reply emptyBody = sendRaw("POST", "/api/incidents/" + id + "/" + command, headers, "");
            Reply noLength = sendRaw("POST", "/api/incidents/" + id + "/" + command, headers, null);

            assertThat(noLength.status()).as(command + ": " + noLength.body()).isEqualTo(emptyBody.status());
            assertThat(noLength.json().path("code").asText()).as(command)
                    .isEqualTo(emptyBody.json().path("code").asText());
        }
        // The requester may resume, so the request reaches the state check.
        Reply resume = sendRaw("POST", "/api/incidents/" + id + "/resume",
                List.of(Map.entry("Authorization", users().authorization("rita"))), null);
        assertProblem(resume, 409, "COMMAND_NOT_ALLOWED");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void repeatedKeyOrVersionHeaderGets400() throws Exception {
        String id = reportNew();

        Reply keys = sendRaw("POST", "/api/incidents/" + id + "/classify", List.of(
                Map.entry("Content-Type", "application/json"), Map.entry("Idempotency-Key", "x"),
                Map.entry("Idempotency-Key", "y"), Map.entry("Authorization", users().authorization("desk"))),
                CLASSIFY);
        Reply versions = sendRaw("POST", "/api/incidents/" + id + "/classify", List.of(
                Map.entry("Content-Type", "application/json"), Map.entry("If-Match", "\"0\""),
                Map.entry("If-Match", "\"5\""), Map.entry("Authorization", users().authorization("desk"))),
                CLASSIFY);

        assertProblem(keys, 400, "INVALID_INPUT");
        assertProblem(versions, 400, "INVALID_INPUT");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void nonStandardMethodIsNamed() throws Exception {
        Reply reply = send("FOO", "/api/incidents", Map.of("Content-Type", "application/json"), "{}");

        assertProblem(reply, 400, "INVALID_INPUT");
        assertThat(reply.json().get("detail").asText()).contains("method FOO").doesNotContain("slash");
    }

    @Test
    void trailingContentGets400() throws Exception {
        String id = reportNew();

        for (String body : List.of("{\"group\": \"NET\"} trailing", "{\"group\": \"NET\"}{\"a\": 1}",
                "{\"group\": \"NET\"} [1]", "{\"group\": \"NET\"} 5")) {
            Reply reply = post("/api/incidents/" + id + "/assign", body);

            assertProblem(reply, 400, "INVALID_INPUT");
            assertThat(reply.json().get("detail").asText()).as(body).contains("content after the JSON object");
        }
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void nonObjectBodyGets400WithoutClassName() throws Exception {
        long events = storedEventCount();

        for (String body : List.of("[" + REPORT + "]", "\"text\"", "42")) {
            Reply reply = post("/api/incidents", body);

            assertProblem(reply, 400, "INVALID_INPUT");
            assertThat(reply.json().get("detail").asText()).as(body).contains("a JSON object");
            assertThat(reply.body()).as(body).doesNotContain("dev.incidents", "IncidentRequests", "$");
        }
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void twoContentTypeHeadersGet415() throws Exception {
        String id = reportNew();

        Reply reply = sendRaw("POST", "/api/incidents/" + id + "/assign", List.of(
                Map.entry("Content-Type", "application/json"), Map.entry("Content-Type", "text/plain"),
                Map.entry("Authorization", users().authorization("desk"))), "{\"group\": \"NET\"}");

        assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void invisibleCharactersInSingleLineFieldGet400() throws Exception {
        long events = storedEventCount();
        List<String> characters = List.of("\\u202A", "\\u202B", "\\u202C", "\\u202D", "\\u202E", "\\u2066",
                "\\u2067", "\\u2068", "\\u2069", "\\u200F", "\\u2028", "\\u2029", "\\uD800", "\\uDC00");

        for (String character : characters) {
            Reply reply = post("/api/incidents", "{\"summary\": \"Mail " + character + "down\", \"impact\": \"LOW\","
                    + " \"urgency\": \"LOW\"}");

            assertProblem(reply, 400, "INVALID_INPUT");
            JsonNode error = reply.json().get("errors").get(0);
            assertThat(error.get("field").asText()).as(character).isEqualTo("summary");
            assertThat(error.get("rule").asText()).as(character).contains(character.substring(2));
        }
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void loneSurrogateInTextGets400() throws Exception {
        String id = reportNew();

        Reply reply = post("/api/incidents/" + id + "/work-notes", "{\"text\": \"line one\\nline \\uD83D two\"}");

        assertProblem(reply, 400, "INVALID_INPUT");
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("text");
        assertThat(post("/api/incidents/" + id + "/work-notes",
                "{\"text\": \"line one\\nline \\uD83D\\uDE00 two\"}").status()).isEqualTo(200);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "WorkNoteAdded");
    }

    @Test
    void assigneeWithoutGroupGets400() throws Exception {
        long events = storedEventCount();

        Reply reply = post("/api/incidents", "{\"summary\": \"VPN down\", \"impact\": \"LOW\", \"urgency\": \"LOW\","
                + " \"assignee\": \"anna\"}");

        assertProblem(reply, 400, "INVALID_INPUT");
        assertThat(reply.json().get("detail").asText()).contains("assignee").contains("assignedGroup");
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void idempotencyProblemsHaveCodes() throws Exception {
        String id = reportNew();
        String note = "{\"text\": \"called back\"}";
        postWithKey("/api/incidents/" + id + "/work-notes", note, "key-codes-1");

        Reply reused = postWithKey("/api/incidents/" + id + "/work-notes", "{\"text\": \"other\"}", "key-codes-1");
        Reply tooLong = postWithKey("/api/incidents/" + id + "/work-notes", note, "k".repeat(201));

        assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(tooLong, 400, "INVALID_INPUT");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "WorkNoteAdded");
    }

    @Test
    void nonAsciiIdempotencyKeyGets400() throws Exception {
        String id = reportNew();

        // "clé" in UTF-8: Tomcat reads the two bytes of "é" as the characters U+00C3 and U+00A9.
        Reply reply = postWithKey("/api/incidents/" + id + "/work-notes", "{\"text\": \"note\"}", "clé");

        assertProblem(reply, 400, "INVALID_INPUT");
        assertThat(reply.json().get("detail").asText()).contains("0xC3").doesNotContain("Ã");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void replayCarriesEtagAndLocation() throws Exception {
        Reply first = postWithKey("/api/incidents", REPORT, "key-headers-1");
        Reply retry = postWithKey("/api/incidents", REPORT, "key-headers-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("ETag")).isNotNull();
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(first.header("Location")).isNotNull();
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedEventTypes(first.json().get("incidentId").asText())).containsExactly("IncidentReported");
    }

    @Test
    void weakIfMatchGets412AndChangesNothing() throws Exception {
        String id = reportNew();

        Reply reply = send("POST", "/api/incidents/" + id + "/assign", Map.of("Content-Type", "application/json",
                "If-Match", "W/\"0\""), "{\"group\": \"NET\"}");

        assertProblem(reply, 412, "VERSION_CONFLICT");
        assertThat(reply.json().get("incidentId").asText()).isEqualTo(id);
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported");
        Reply strong = send("POST", "/api/incidents/" + id + "/assign", Map.of("Content-Type", "application/json",
                "If-Match", "\"0\""), "{\"group\": \"NET\"}");
        assertThat(strong.status()).isEqualTo(200);
    }

    @Test
    void functionalEscalationWithoutGroupGets400() throws Exception {
        String id = reportNew();
        assertThat(post("/api/incidents/" + id + "/assign", "{\"group\": \"NET\"}").status()).isEqualTo(200);

        Reply reply = post("/api/incidents/" + id + "/escalate", "{\"kind\": \"FUNCTIONAL\", \"reason\": \"stuck\"}");

        assertProblem(reply, 400, "INVALID_INPUT");
        assertThat(reply.json().get("detail").asText()).contains("toGroup is missing").doesNotContain("null");
        assertThat(storedEventTypes(id)).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void rejectedReportHasNullIncidentId() throws Exception {
        long events = storedEventCount();

        Reply reply = sendRaw("POST", "/api/incidents", List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("Authorization", users().authorization("mike"))), REPORT);

        assertProblem(reply, 403, "NOT_PERMITTED");
        assertThat(reply.json().has("incidentId")).isTrue();
        assertThat(reply.json().get("incidentId").isNull()).isTrue();
        assertThat(storedEventCount()).isEqualTo(events);
    }

    private static final String REPORT = "{\"summary\": \"Printer jammed\", \"requester\": \"rita\", \"impact\": \"LOW\","
            + " \"urgency\": \"LOW\"}";
    private static final String CLASSIFY = "{\"impact\": \"HIGH\", \"urgency\": \"HIGH\"}";

    private static void assertProblem(Reply reply, int status, String code) throws IOException {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.body()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private String reportNew() throws Exception {
        Reply reported = post("/api/incidents", REPORT);
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().get("incidentId").asText();
    }

    private List<String> storedEventTypes(String incidentId) {
        return eventStore.readEvents(incidentId).asStream()
                .map(message -> message.getPayloadType().getSimpleName())
                .toList();
    }

    /**
     * Counts every event in the store, of all incidents and the organisation, except the refusal log's
     * {@link CommandRefused} events, which record rejected commands outside every incident.
     */
    private long storedEventCount() {
        long count = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                if (!(stream.nextAvailable().getPayload() instanceof CommandRefused)) {
                    count++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return count;
    }

    private Reply post(String path, String body) throws IOException {
        return send("POST", path, Map.of("Content-Type", "application/json"), body);
    }

    private Reply postWithKey(String path, String body, String key) throws IOException {
        return send("POST", path, Map.of("Content-Type", "application/json", "Idempotency-Key", key), body);
    }

    /** Sends as the service desk analyst {@code desk}. */
    private Reply send(String method, String path, Map<String, String> headers, String body) throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers.entrySet());
        all.add(Map.entry("Authorization", users().authorization("desk")));
        return sendRaw(method, path, all, body);
    }

    /**
     * Writes the request as bytes, with header values in UTF-8, so a test can send what any client could. A null
     * body sends neither a body nor a Content-Length header.
     */
    private Reply sendRaw(String method, String path, List<Map.Entry<String, String>> headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, String> header : headers) {
            request.write((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (body != null) {
            request.write(("Content-Length: " + content.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        request.write(content);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            return Reply.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static TestUsers users() {
        return TestUsers.of(dataDir);
    }

    private record Reply(int status, String head, String body) {

        static Reply parse(String response) {
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headerEnd);
            String body = response.substring(headerEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Reply(Integer.parseInt(head.substring(9, 12)), head, body);
        }

        /** Returns the first value of the header, or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
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
    }
}
