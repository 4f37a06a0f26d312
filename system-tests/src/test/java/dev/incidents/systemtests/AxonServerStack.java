package dev.incidents.systemtests;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The command side and any number of query sides in the {@code axonserver} profile, started from the packaged jars as
 * separate JVMs on loopback ports, all connected to one Axon Server and one MongoDB. They share one data folder, so
 * the query sides check passwords against the file that the command side generated.
 */
final class AxonServerStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final Path repoRoot = IncidentsStack.repoRoot();
    private final Path workDir;
    private final Map<String, String> environment = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Map<String, String> passwords;

    AxonServerStack(String name, String axonServerAddress, String mongoUri) throws IOException {
        this.workDir = Files.createTempDirectory(name);
        environment.put("SPRING_PROFILES_ACTIVE", "axonserver");
        environment.put("AXON_AXONSERVER_SERVERS", axonServerAddress);
        environment.put("INCIDENTS_MONGO_URI", mongoUri);
        environment.put("INCIDENTS_DATA_DIR", workDir.resolve("data").toString());
        environment.put("INCIDENTS_ORGANISATION_FILE", repoRoot.resolve("config/organisation.yml").toString());
        environment.put("INCIDENTS_SERVICE_LEVELS_FILE", repoRoot.resolve("config/service-levels.yml").toString());
    }

    /** Starts the command side and returns its HTTP port once it reports UP. */
    int startCommandSide() throws IOException, InterruptedException {
        int port = freePort();
        start("command-side", repoRoot.resolve("command-side/target/command-side.jar"),
                Map.of("INCIDENTS_COMMAND_PORT", Integer.toString(port)), port);
        return port;
    }

    /** Starts one more query side and returns its HTTP port once it reports UP. */
    int startQuerySide() throws IOException, InterruptedException {
        int port = freePort();
        start("query-side-" + port, repoRoot.resolve("query-side/target/query-side.jar"),
                Map.of("INCIDENTS_QUERY_PORT", Integer.toString(port)), port);
        return port;
    }

    private void start(String name, Path jar, Map<String, String> extra, int port)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx512m", "-Daxoniq.update-checker.disabled=true",
                "-jar", jar.toString())
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        Process process = builder.start();
        processes.add(process);

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; log:\n" + log(name));
            }
            if (healthy(port)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " did not report UP within " + START_TIMEOUT + "; log:\n" + log(name));
    }

    private boolean healthy(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(HTTP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends a request as {@code user} with a JSON body, or none when {@code json} is null. */
    HttpResponse<String> send(String user, String method, int port, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(HTTP_TIMEOUT)
                .header("Authorization", authorization(user));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a server-sent event stream as {@code user}; the caller closes the body. */
    HttpResponse<java.util.stream.Stream<String>> stream(String user, int port, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", authorization(user)).build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    JsonNode getJson(String user, int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(user, "GET", port, path, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " as " + user + " returned " + response.statusCode() + ": "
                    + response.body());
        }
        return IncidentsStack.MAPPER.readTree(response.body());
    }

    private String authorization(String user) throws IOException {
        if (passwords == null) {
            passwords = new HashMap<>();
            Path file = workDir.resolve("data/security/demo-credentials");
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 2) {
                    passwords.put(fields[0], fields[1]);
                }
            }
        }
        String password = passwords.get(user);
        if (password == null) {
            throw new AssertionError("no demo password for user " + user + "; users: " + passwords.keySet());
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String log(String name) throws IOException {
        Path file = workDir.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no log)";
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops every process, newest first, and waits for each to exit. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
