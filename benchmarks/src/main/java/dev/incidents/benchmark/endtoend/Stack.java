package dev.incidents.benchmark.endtoend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command side and a query side started through {@code bin/incidents}, as a user starts them, in a data folder of
 * their own and on free ports of 127.0.0.1, so a benchmark never meets a running stack or the data of another run.
 */
final class Stack implements AutoCloseable {

    static final String COMMAND_SIDE = "command-side";
    static final String QUERY_SIDE = "query-side";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(6);

    private final Path repoRoot;
    /** Folders of a data folder that hold the stores and the uploaded logs. */
    private static final List<String> STORE_FOLDERS = List.of("event-store", "read-models", "imports");

    private final Path dataDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient client = Api.newClient();
    private final int commandPort;
    private final int queryPort;
    private Map<String, String[]> credentials;

    private Stack(Path repoRoot, Path dataDir, String javaOptions, Map<String, String> extraEnvironment)
            throws IOException {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        List<Integer> ports = freePorts(4);
        this.commandPort = ports.get(0);
        this.queryPort = ports.get(1);
        environment.put("INCIDENTS_DATA_DIR", dataDir.toString());
        environment.put("INCIDENTS_COMMAND_PORT", String.valueOf(commandPort));
        environment.put("INCIDENTS_QUERY_PORT", String.valueOf(queryPort));
        environment.put("INCIDENTS_H2_PORT", String.valueOf(ports.get(2)));
        environment.put("INCIDENTS_MONGO_PORT", String.valueOf(ports.get(3)));
        environment.put("INCIDENTS_BUILD", "never");
        environment.put("INCIDENTS_JAVA_OPTS", javaOptions);
        environment.putAll(extraEnvironment);
    }

    /** Starts both servers in a new, empty data folder. */
    static Stack start(Path repoRoot, Path dataDir, String javaOptions, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        if (Files.exists(dataDir)) {
            deleteTree(dataDir);
        }
        Files.createDirectories(dataDir);
        Stack stack = new Stack(repoRoot, dataDir, javaOptions, extraEnvironment);
        stack.script("up");
        return stack;
    }

    /** Stops the query side, so that no projection runs while the command side keeps serving. */
    void stopQuerySide() throws IOException, InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid(QUERY_SIDE))
                .orElseThrow(() -> new IOException("the query side is not running"));
        process.destroy();
        process.onExit().join();
    }

    /** Returns the peak resident memory (VmHWM) of a server process so far, in MiB. */
    double peakResidentMib(String server) throws IOException {
        return statusField(server, "VmHWM:") / 1024.0;
    }

    boolean isRunning(String server) {
        try {
            return ProcessHandle.of(pid(server)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns a client of the command side for the first demo user with {@code role}, or {@code user:<name>}. */
    Api commandSide(String role) throws IOException {
        String[] user = user(role);
        return new Api(client, URI.create("http://127.0.0.1:" + commandPort), user[0], user[1]);
    }

    Api querySide(String role) throws IOException {
        String[] user = user(role);
        return new Api(client, URI.create("http://127.0.0.1:" + queryPort), user[0], user[1]);
    }

    /** Returns the name of the first demo user with this role. */
    String userName(String role) throws IOException {
        return user(role)[0];
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("down");

        // A full suite would otherwise leave about 13 GB of stores behind; the logs stay for reading.
        for (String stores : STORE_FOLDERS) {
            Path folder = dataDir.resolve(stores);
            if (Files.exists(folder)) {
                deleteTree(folder);
            }
        }
    }

    private String[] user(String role) throws IOException {
        if (credentials == null) {
            credentials = new HashMap<>();
            for (String line : Files.readAllLines(dataDir.resolve("security/demo-credentials"))) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length < 3 || line.startsWith("#")) {
                    continue;
                }
                credentials.put("user:" + parts[0], new String[] {parts[0], parts[1]});
                for (String granted : parts[2].split(",")) {
                    credentials.putIfAbsent(granted, new String[] {parts[0], parts[1]});
                }
            }
        }
        String[] user = credentials.get(role);
        if (user == null) {
            throw new IOException("no demo user is or has the role " + role + " in " + dataDir);
        }
        return user;
    }

    private long pid(String server) throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("run/" + server + ".pid")).trim());
    }

    private long statusField(String server, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid(server) + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " missing from /proc status of " + server);
    }

    private void script(String command) throws IOException, InterruptedException {
        Path log = dataDir.resolve("bin-incidents-" + command + ".log");
        ProcessBuilder builder = new ProcessBuilder(repoRoot.resolve("bin/incidents").toString(), command)
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("bin/incidents " + command + " did not finish in " + SCRIPT_TIMEOUT.toMinutes()
                    + " min; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException("bin/incidents " + command + " failed with exit code " + process.exitValue()
                    + ": " + Files.readString(log));
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
