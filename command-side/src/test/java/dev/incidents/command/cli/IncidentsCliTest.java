package dev.incidents.command.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the command-line tool against a JDK HTTP server on 127.0.0.1 that plays both sides of the contract. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IncidentsCliTest {

    private static final String RUNNING = """
            {"importId":"imp-1","format":"bpic2013","state":"RUNNING","totalRecords":4,"sourceRecords":2,
             "appliedRecords":2,"skippedRecords":{},"rejectedRecords":{},"incidents":1,"recordsPerSecond":2.0,
             "percentComplete":50.0,"secondsLeft":1.0,"elapsedSeconds":1.0,"error":null}""";
    private static final String COMPLETED = """
            {"importId":"imp-1","format":"bpic2013","state":"COMPLETED","totalRecords":4,"sourceRecords":4,
             "appliedRecords":3,"skippedRecords":{"no change":1},"rejectedRecords":{},"incidents":2,
             "recordsPerSecond":2.0,"percentComplete":100.0,"secondsLeft":0.0,"elapsedSeconds":2.0,"error":null}""";
    private static final String FAILED = """
            {"importId":"imp-1","format":"bpic2013","state":"FAILED","sourceRecords":1,"appliedRecords":1,
             "skippedRecords":{},"rejectedRecords":{},"error":"unexpected end of XES input"}""";
    private static final String STATISTICS = """
            {"incidents":2,"byState":{"CLOSED":1,"IN_PROGRESS":1},"reassignments":1,"reassignedIncidents":1,
             "reopens":0,"reopenedIncidents":0,"auditEntries":6}""";

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ConcurrentLinkedQueue<String> uploads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger importPolls = new AtomicInteger();
    private final AtomicInteger projectionPolls = new AtomicInteger();
    private HttpServer server;
    private String baseUrl;

    @TempDir
    Path tempDir;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/api/statistics", exchange -> respond(exchange, 200, STATISTICS));
        server.createContext("/api/projections", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, projectionPolls.incrementAndGet() < 2
                    ? "{\"caughtUp\":false,\"head\":6,\"processors\":[{\"name\":\"audit\",\"position\":3,\"lag\":3}]}"
                    : "{\"caughtUp\":true,\"head\":6,\"processors\":[{\"name\":\"audit\",\"position\":6,\"lag\":0}]}");
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void replayUploadsFileWaitsAndWritesReport() throws Exception {
        serveImport(COMPLETED);
        Path log = Files.writeString(tempDir.resolve("own.xes"), "<log>four records</log>");
        Path report = tempDir.resolve("out/report.json");

        int status = cli().run(new String[] {"replay", "--command-url", baseUrl, "--query-url", baseUrl,
                "--file", log.toString(), "--report", report.toString()});

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(uploads).containsExactly("format=bpic2013 application/octet-stream <log>four records</log>");
        assertThat(importPolls.get()).isGreaterThanOrEqualTo(2);
        assertThat(projectionPolls.get()).isGreaterThanOrEqualTo(2);
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "adam.admin:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).hasSizeGreaterThanOrEqualTo(5).containsOnly(expected);

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("file").asText()).isEqualTo(log.toString());
        assertThat(json.path("importId").asText()).isEqualTo("imp-1");
        assertThat(json.path("sourceRecords").asLong()).isEqualTo(4);
        assertThat(json.path("appliedRecords").asLong()).isEqualTo(3);
        assertThat(json.path("skippedRecords").path("no change").asLong()).isEqualTo(1);
        assertThat(json.path("rejectedRecords").size()).isZero();
        assertThat(json.path("incidents").asLong()).isEqualTo(2);
        assertThat(json.path("byState").path("IN_PROGRESS").asLong()).isEqualTo(1);
        assertThat(json.path("reassignments").asLong()).isEqualTo(1);
        assertThat(json.path("auditEntries").asLong()).isEqualTo(6);
        assertThat(json.path("elapsedSeconds").asDouble()).isPositive();

        String output = stdout.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("importing: 2 of 4 records (50.0%), 2 records/s, 1s left");
        assertThat(output).contains("query side caught up with event store head 6");
        assertThat(output).contains("  in the store, with earlier imports and live work:");
        assertThat(output).contains("    reassignments          1 in 1 incidents");
        assertThat(output).contains("Report written to " + report);
    }

    @Test
    void replayPassesFormatAndZone() throws Exception {
        serveImport(COMPLETED);
        Path log = Files.writeString(tempDir.resolve("own.csv"), "number,incident_state\n");

        int status = cli().run(new String[] {"replay", "--command-url", baseUrl, "--query-url", baseUrl,
                "--file", log.toString(), "--format", "servicenow", "--zone", "Europe/Lisbon"});

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(uploads).containsExactly(
                "format=servicenow&zone=Europe/Lisbon application/octet-stream number,incident_state\n");
    }

    @Test
    void replayOfFailedImportExitsWithItsError() throws Exception {
        serveImport(FAILED);
        Path log = Files.writeString(tempDir.resolve("broken.xes"), "<log>");

        int status = cli().run(new String[] {"replay", "--command-url", baseUrl, "--query-url", baseUrl,
                "--file", log.toString()});

        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("Import imp-1 FAILED: unexpected end of XES input");
        assertThat(projectionPolls.get()).isZero();
    }

    @Test
    void replayOfMissingFileUploadsNothing() throws Exception {
        serveImport(COMPLETED);

        int status = cli().run(new String[] {"replay", "--command-url", baseUrl, "--query-url", baseUrl,
                "--file", tempDir.resolve("absent.xes").toString()});

        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Cannot read the incident log");
        assertThat(uploads).isEmpty();
    }

    @Test
    void replayReportsRejectedUpload() throws Exception {
        server.createContext("/api/imports", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"unknown format csv\"}");
        });
        Path log = Files.writeString(tempDir.resolve("own.xes"), "<log/>");

        int status = cli().run(new String[] {"replay", "--command-url", baseUrl, "--query-url", baseUrl,
                "--file", log.toString(), "--format", "csv"});

        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(
                "Replay of " + log + " failed: POST " + baseUrl + "/api/imports?format=csv returned HTTP 400: "
                        + "unknown format csv");
    }

    @Test
    void waitHealthyReturnsOnceServerIsUp() throws Exception {
        int status = cli().run(new String[] {"wait-healthy", "--name", "command-side", "--url", baseUrl,
                "--timeout", "5"});

        assertThat(status).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("command-side is healthy at " + baseUrl);
    }

    @Test
    void waitHealthyTimesOutWithoutServer() throws Exception {
        String closedUrl = "http://127.0.0.1:" + closedPort();

        int status = cli().run(new String[] {"wait-healthy", "--name", "query-side", "--url", closedUrl,
                "--timeout", "1"});

        assertThat(status).isEqualTo(IncidentsCli.TIMED_OUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("query-side did not become healthy within 1 s", "is not reachable");
    }

    @Test
    void waitHealthyStopsWhenProcessHasExited() throws Exception {
        Process exited = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        exited.getInputStream().readAllBytes();
        exited.waitFor();
        String closedUrl = "http://127.0.0.1:" + closedPort();

        int status = cli().run(new String[] {"wait-healthy", "--name", "command-side", "--url", closedUrl,
                "--pid", Long.toString(exited.pid()), "--timeout", "60"});

        assertThat(status).isEqualTo(IncidentsCli.NOT_HEALTHY);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("exited before it became healthy");
    }

    @Test
    void statusReportsHealthAndProjections() throws Exception {
        String closedUrl = "http://127.0.0.1:" + closedPort();

        int status = cli().run(new String[] {"status", "--command-url", closedUrl, "--query-url", baseUrl,
                "--query-pid", "42"});

        assertThat(status).isEqualTo(IncidentsCli.NOT_HEALTHY);
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "command-side  not running",
                "query-side    running (pid 42), healthy at " + baseUrl,
                "projections   query side catching up with event store head 6: audit 3 (lag 3)");
    }

    @Test
    void unknownCommandIsUsageError() throws Exception {
        assertThat(cli().run(new String[] {"launch"})).isEqualTo(IncidentsCli.USAGE);
        assertThat(cli().run(new String[] {"replay", "--file"})).isEqualTo(IncidentsCli.USAGE);
        assertThat(cli().run(new String[] {"wait-healthy", "--url", baseUrl})).isEqualTo(IncidentsCli.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("unknown command launch", "option --file needs a value", "missing option --name");
    }

    private IncidentsCli cli() {
        return new IncidentsCli(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                Map.of(IncidentsCli.USER_VARIABLE, "adam.admin", IncidentsCli.PASSWORD_VARIABLE, "s3cret"));
    }

    /** Accepts one upload, then returns RUNNING on the first poll and {@code end} on later ones. */
    private void serveImport(String end) {
        server.createContext("/api/imports", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                uploads.add(exchange.getRequestURI().getQuery() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getResponseHeaders().add("Location", "/api/imports/imp-1");
                respond(exchange, 202, RUNNING);
            } else if (exchange.getRequestURI().getPath().equals("/api/imports/imp-1")) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                respond(exchange, 200, importPolls.incrementAndGet() < 2 ? RUNNING : end);
            } else {
                respond(exchange, 404, "{}");
            }
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
