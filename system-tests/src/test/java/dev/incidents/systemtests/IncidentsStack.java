package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Both servers of one test class, driven through {@code bin/incidents} as a user would drive them: a fresh data
 * directory, free 127.0.0.1 ports for HTTP, H2 and MongoDB, and {@code bin/incidents down} on close. Servers that
 * survive {@code down} are killed by the pids in their pid files.
 */
final class IncidentsStack implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Demo users of config/organisation.yml that the tests act as. */
    static final String AUDITOR = "audrey.auditor";
    static final String SERVICE_DESK = "sally.desk";
    static final String NETWORK_SPECIALIST = "nick.net";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Path repoRoot;
    private final Path workDir;
    private final Path dataDir;
    private final int commandPort;
    private final int queryPort;
    private final int h2Port;
    private final int mongoPort;
    private final Map<String, String> extraEnvironment = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, String> passwords;
    private volatile String reader = AUDITOR;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private IncidentsStack(String name, Path repoRoot, Path workDir, int[] ports) {
        this.name = name;
        this.repoRoot = repoRoot;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.commandPort = ports[0];
        this.queryPort = ports[1];
        this.h2Port = ports[2];
        this.mongoPort = ports[3];
    }

    /** Prepares a stack in a new temporary directory; nothing runs until a command starts it. */
    static IncidentsStack create(String name) throws IOException {
        Path workDir = Files.createTempDirectory("incidents-" + name + "-");
        return new IncidentsStack(name, repoRoot(), workDir, freePorts(4));
    }

    /**
     * Returns the repository root: the failsafe configuration passes it as {@code incidents.repo.root}, and a run
     * from an IDE falls back to the parent of the module's directory.
     */
    static Path repoRoot() {
        String configured = System.getProperty("incidents.repo.root");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("..");
        return root.toAbsolutePath().normalize();
    }

    /** Working directory of every {@code bin/incidents} call, so relative paths given to it resolve here. */
    Path workDir() {
        return workDir;
    }

    Path dataDir() {
        return dataDir;
    }

    int commandPort() {
        return commandPort;
    }

    int queryPort() {
        return queryPort;
    }

    /** JDBC URL of the event store, served by the command side's H2 TCP server while it runs. */
    String eventStoreUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/events";
    }

    /**
     * Connects to the event store as the read-only user the query side uses, with the user and password that the
     * command side generated into the data folder.
     */
    Connection openEventStoreAsReader() throws IOException, SQLException {
        Properties reader = new Properties();
        try (Reader file = Files.newBufferedReader(dataDir.resolve("security/event-store-reader"))) {
            reader.load(file);
        }
        return DriverManager.getConnection(eventStoreUrl(), reader.getProperty("username"),
                reader.getProperty("password"));
    }

    /** Makes {@code user} the one who reads from the query side, for stacks started with another organisation. */
    void readAs(String user) {
        reader = user;
    }

    /** Sets an environment variable for every later {@code bin/incidents} call, such as another organisation file. */
    void setEnvironment(String variable, String value) {
        extraEnvironment.put(variable, value);
    }

    /** Output and exit status of one {@code bin/incidents} call. */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code bin/incidents} with {@code arguments} and returns its exit status and combined output, which is
     * also echoed to this JVM's standard output. Raises if the call takes longer than {@code timeout}.
     */
    Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("bin/incidents").toString());
        command.addAll(List.of(arguments));
        Path outputFile = Files.createTempFile(workDir, "bin-incidents-", ".out");

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.remove("INCIDENTS_MONGO_URI");
        environment.remove("INCIDENTS_ORGANISATION_FILE");
        environment.remove("INCIDENTS_PASSWORD_FILE");
        environment.remove("INCIDENTS_USER");
        environment.remove("INCIDENTS_PASSWORD");
        environment.put("INCIDENTS_DATA_DIR", dataDir.toString());
        environment.put("INCIDENTS_COMMAND_PORT", Integer.toString(commandPort));
        environment.put("INCIDENTS_QUERY_PORT", Integer.toString(queryPort));
        environment.put("INCIDENTS_H2_PORT", Integer.toString(h2Port));
        environment.put("INCIDENTS_MONGO_PORT", Integer.toString(mongoPort));
        environment.putAll(extraEnvironment);

        System.out.println("[" + name + "] $ bin/incidents " + String.join(" ", arguments));
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        System.out.println(output.indent(2));
        if (!finished) {
            throw new IllegalStateException("bin/incidents " + String.join(" ", arguments) + " did not finish within "
                    + timeout.toSeconds() + " s. Output so far:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Runs {@code bin/incidents} and raises with its output unless it exits with 0. */
    String runSuccessfully(Duration timeout, String... arguments) throws IOException, InterruptedException {
        Result result = run(timeout, arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("bin/incidents " + String.join(" ", arguments) + " exited with "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /**
     * Returns the demo passwords by user, read as a user reads them: from the output of
     * {@code bin/incidents credentials}, one {@code user password roles} line per user.
     */
    Map<String, String> credentials() throws IOException, InterruptedException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String line : runSuccessfully(HTTP_TIMEOUT, "credentials").lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 3) {
                passwords.put(fields[0], fields[1]);
            }
        }
        if (passwords.isEmpty()) {
            throw new AssertionError("bin/incidents credentials printed no user");
        }
        return passwords;
    }

    private String authorization(String user) throws IOException, InterruptedException {
        if (passwords == null) {
            passwords = credentials();
        }
        String password = passwords.get(user);
        if (password == null) {
            throw new AssertionError("no demo password for user " + user + "; users: " + passwords.keySet());
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a GET request to the query side as the reader (the demo auditor unless changed) and returns the JSON body of a 200 response. */
    JsonNode getFromQuerySide(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + queryPort + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("Authorization", authorization(reader))
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " returned HTTP " + response.statusCode() + ": " + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    /** Sends a GET request to the query side as the demo user and returns the response, whatever its status. */
    HttpResponse<String> sendToQuerySide(String user, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + queryPort + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("Authorization", authorization(user))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a POST without a body to the query side as the reader and returns the response, whatever its status. */
    HttpResponse<String> postToQuerySide(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + queryPort + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("Authorization", authorization(reader))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a GET request to the query side as the reader and returns the response with its body as a stream,
     * whatever its status, for bodies too large to read at once, such as exports.
     */
    HttpResponse<InputStream> streamFromQuerySide(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + queryPort + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                .header("Authorization", authorization(reader))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Sends a JSON POST to the command side as the demo user and returns the response, whatever its status. */
    HttpResponse<String> postToCommandSide(String user, String path, String json)
            throws IOException, InterruptedException {
        return sendToCommandSide(user, "POST", path, json);
    }

    /** Sends a JSON request with {@code method} to the command side and returns the response, whatever its status. */
    HttpResponse<String> sendToCommandSide(String user, String method, String path, String json)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + commandPort + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization(user))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the command side with SIGKILL, as a crash would, and waits until the process is gone. */
    void killCommandSide() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(dataDir.resolve("run").resolve("command-side.pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("command side pid " + pid + " is not running"));
        new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor();
        process.onExit().join();
    }

    /** Polls {@code GET /api/projections} until the query side reports {@code caughtUp}, or raises. */
    JsonNode awaitProjectionsCaughtUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = getFromQuerySide("/api/projections");
        while (!status.path("caughtUp").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The query side did not catch up within " + timeout.toSeconds() + " s: "
                        + status);
            }
            Thread.sleep(500);
            status = getFromQuerySide("/api/projections");
        }
        return status;
    }

    static JsonNode readJson(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /**
     * Stops both servers with {@code bin/incidents down}, kills any server still named in a pid file, keeps the
     * logs under {@code target/system-test-logs} and deletes the temporary directory.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Result down = run(DOWN_TIMEOUT, "down");
            if (down.exitCode() != 0) {
                System.out.println("[" + name + "] bin/incidents down exited with " + down.exitCode());
            }
        } catch (RuntimeException | IOException e) {
            System.out.println("[" + name + "] bin/incidents down failed: " + e);
        } finally {
            killByPidFiles();
            keepLogs();
            deleteRecursively(workDir);
        }
    }

    private void killByPidFiles() throws IOException {
        Path runDir = dataDir.resolve("run");
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> pidFiles = Files.list(runDir)) {
            for (Path pidFile : pidFiles.filter(file -> file.toString().endsWith(".pid")).toList()) {
                String pid = Files.readString(pidFile).strip();
                if (pid.matches("\\d+")) {
                    // A pid from the file may belong to another program by now, so only java servers are killed.
                    ProcessHandle.of(Long.parseLong(pid))
                            .filter(process -> process.info().commandLine().orElse("").contains("-side.jar"))
                            .ifPresent(process -> {
                        System.out.println("[" + name + "] killing " + pidFile.getFileName() + " pid " + pid);
                        process.destroyForcibly();
                    });
                }
            }
        }
    }

    private void keepLogs() throws IOException {
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        Path target = Path.of(System.getProperty("basedir", repoRoot.resolve("system-tests").toString()))
                .resolve("target/system-test-logs").resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Finds {@code count} distinct free ports by holding them all open at once, then releasing them. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
