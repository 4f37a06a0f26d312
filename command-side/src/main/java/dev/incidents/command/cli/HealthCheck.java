package dev.incidents.command.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/** Reads a server's {@code /actuator/health} and waits for it to report {@code UP}. */
final class HealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final JsonHttp http;

    HealthCheck(JsonHttp http) {
        this.http = http;
    }

    enum Outcome { HEALTHY, PROCESS_EXITED, TIMED_OUT }

    /**
     * Result of a health check.
     *
     * @param problem why the server was not healthy at the last probe, or null when it was
     */
    record Result(Outcome outcome, String problem) {
    }

    /** Probes once; the problem is null when the server returned 200 with status UP. */
    String probe(URI baseUrl) throws InterruptedException {
        URI health = baseUrl.resolve("/actuator/health");
        try {
            HttpResponse<String> response = http.probe(health, PROBE_TIMEOUT);
            String status = statusOf(response.body());
            if (response.statusCode() == 200 && "UP".equals(status)) {
                return null;
            }
            return health + " returned HTTP " + response.statusCode() + " with status " + status;
        } catch (IOException e) {
            return health + " is not reachable: " + describe(e);
        }
    }

    /**
     * Polls until the server is healthy, the process {@code pid} (when given) has exited, or {@code timeout} has
     * passed.
     */
    Result awaitHealthy(URI baseUrl, OptionalLong pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String problem = probe(baseUrl);
            if (problem == null) {
                return new Result(Outcome.HEALTHY, null);
            }
            if (pid.isPresent() && !isAlive(pid.getAsLong())) {
                return new Result(Outcome.PROCESS_EXITED, problem);
            }
            if (System.nanoTime() >= deadline) {
                return new Result(Outcome.TIMED_OUT, problem);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private String statusOf(String body) {
        try {
            JsonNode status = http.mapper().readTree(body).path("status");
            return status.isTextual() ? status.asText() : "missing";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * Reports whether {@code pid} is a live process. A server started with setsid is reparented to PID 1, which need
     * not reap it, so a zombie counts as exited, although {@link ProcessHandle#isAlive()} reports it alive.
     */
    static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat);
            // The state follows the command name, which is in parentheses and may itself contain spaces.
            String afterName = line.substring(line.lastIndexOf(')') + 1).strip();
            char state = afterName.isEmpty() ? '?' : afterName.charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            // Without /proc (or when the process exited meanwhile) ProcessHandle's result is the best available.
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /**
     * Describes a failed request. The exception class is named too, because a refused connection has no message.
     * An unexpected status is described by its message alone, which contains the method, URL, status and detail.
     */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof JsonHttp.UnexpectedStatusException) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
