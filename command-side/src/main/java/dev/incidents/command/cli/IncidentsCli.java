package dev.incidents.command.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * HTTP side of {@code bin/incidents}: health waits, status, the replay of an incident log, and the offline
 * verification of an exported event log. It runs from the command-side jar without a Spring context, through Spring
 * Boot's {@code PropertiesLauncher}, so the script needs nothing but a JDK. Exit status: 0 success, 1 failure, 2 invalid arguments, 3 process exited or not healthy,
 * 4 timed out. API requests authenticate with HTTP Basic as the user in the environment variables
 * {@code INCIDENTS_USER} and {@code INCIDENTS_PASSWORD}, which {@code bin/incidents} sets.
 */
public final class IncidentsCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_HEALTHY = 3;
    static final int TIMED_OUT = 4;

    private static final String USAGE_TEXT = """
            usage: IncidentsCli COMMAND [OPTIONS]
              wait-healthy --name NAME --url URL [--pid PID] [--timeout SECONDS]
              status --command-url URL --query-url URL [--command-pid PID] [--query-pid PID]
              replay --command-url URL --query-url URL --file FILE [--format FORMAT] [--zone ZONE]
                     [--report FILE] [--terminal] [--stall-timeout SECONDS]
              verify-export --file FILE""";

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    static final String USER_VARIABLE = "INCIDENTS_USER";
    static final String PASSWORD_VARIABLE = "INCIDENTS_PASSWORD";

    private final PrintStream out;
    private final PrintStream err;
    private final JsonHttp http;

    /** @param environment the variables that may name the user and password for API requests */
    IncidentsCli(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        String user = environment.get(USER_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        boolean credentials = user != null && !user.isBlank() && password != null;
        this.http = new JsonHttp(credentials ? JsonHttp.basicAuthorization(user, password) : null);
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new IncidentsCli(System.out, System.err, System.getenv()).run(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = FAILED;
        }
        System.exit(status);
    }

    int run(String[] args) throws InterruptedException {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            Options options = Options.parse(args, 1, Set.of("terminal"));
            return switch (args[0]) {
                case "wait-healthy" -> waitHealthy(options);
                case "status" -> status(options);
                case "replay" -> replay(options);
                case "verify-export" -> new ExportVerification(out, err).run(Path.of(options.required("file")));
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            err.println("Invalid arguments: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
    }

    private int waitHealthy(Options options) throws InterruptedException {
        String name = options.required("name");
        URI url = options.uri("url");
        OptionalLong pid = options.optionalLong("pid");
        Duration timeout = Duration.ofSeconds(options.longValue("timeout", 180));

        out.println("Waiting for " + name + " at " + url + " to become healthy (up to " + timeout.toSeconds() + " s)");
        long started = System.nanoTime();
        HealthCheck.Result result = new HealthCheck(http).awaitHealthy(url, pid, timeout);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return switch (result.outcome()) {
            case HEALTHY -> {
                out.println(name + " is healthy at " + url + " after " + seconds + " s");
                yield OK;
            }
            case PROCESS_EXITED -> {
                err.println(name + " (pid " + pid.getAsLong() + ") exited before it became healthy.");
                yield NOT_HEALTHY;
            }
            case TIMED_OUT -> {
                err.println(name + " did not become healthy within " + timeout.toSeconds() + " s. Last check: "
                        + result.problem());
                yield TIMED_OUT;
            }
        };
    }

    private int status(Options options) throws InterruptedException {
        HealthCheck health = new HealthCheck(http);
        boolean commandHealthy = printProcess(health, "command-side", options.uri("command-url"),
                options.optionalLong("command-pid"));
        boolean queryHealthy = printProcess(health, "query-side", options.uri("query-url"),
                options.optionalLong("query-pid"));

        if (queryHealthy) {
            ProgressPrinter silent = new ProgressPrinter(out, false, LINE_INTERVAL);
            try {
                ProjectionStatus projections = new ProjectionWait(http, options.uri("query-url"), silent,
                        POLL_INTERVAL, Duration.ZERO).fetch();
                out.printf("%-13s %s%n", "projections", ProgressFormatter.projectionProgress(projections));
            } catch (IOException e) {
                out.printf("%-13s unknown: %s%n", "projections", HealthCheck.describe(e));
            }
        }
        return commandHealthy && queryHealthy ? OK : NOT_HEALTHY;
    }

    private boolean printProcess(HealthCheck health, String name, URI url, OptionalLong pid)
            throws InterruptedException {
        String problem = health.probe(url);
        String line;
        if (pid.isPresent()) {
            line = "running (pid " + pid.getAsLong() + "), "
                    + (problem == null ? "healthy at " + url : "not healthy: " + problem);
        } else {
            line = problem == null ? "no pid file, but a server at " + url + " is healthy" : "not running";
        }
        out.printf("%-13s %s%n", name, line);
        return problem == null;
    }

    private int replay(Options options) throws InterruptedException {
        URI commandUrl = options.uri("command-url");
        URI queryUrl = options.uri("query-url");
        Path file = Path.of(options.required("file")).toAbsolutePath().normalize();
        String format = options.value("format", "bpic2013");
        String zone = options.value("zone", null);
        String report = options.value("report", null);
        Duration stallTimeout = Duration.ofSeconds(options.longValue("stall-timeout", 600));
        ProgressPrinter progress = new ProgressPrinter(out, options.flag("terminal"), LINE_INTERVAL);

        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("Cannot read the incident log " + file + ": it is missing, not a regular file or not readable.");
            return FAILED;
        }

        try {
            long started = System.nanoTime();
            out.println("Uploading " + file + " (" + ProgressFormatter.count(Files.size(file)) + " bytes, format "
                    + format + ") to " + commandUrl);
            ImportRun importRun = new ImportRun(http, commandUrl, progress, POLL_INTERVAL, stallTimeout);
            ImportRun.Accepted accepted = importRun.upload(file, format, zone);
            out.println("Import " + accepted.status().importId() + " accepted: " + accepted.location());

            ImportStatus finished = importRun.awaitEnd(accepted);
            if (finished.isFailed()) {
                err.println("Import " + finished.importId() + " FAILED: " + finished.error());
                return FAILED;
            }

            new ProjectionWait(http, queryUrl, progress, POLL_INTERVAL, stallTimeout).awaitCaughtUp();
            Statistics statistics = http.get(queryUrl.resolve("/api/statistics"), Statistics.class);
            double elapsedSeconds = (System.nanoTime() - started) / 1e9;

            ReplayReport result = ReplayReport.assemble(file.toString(), finished, statistics, elapsedSeconds);
            result.summaryLines().forEach(out::println);
            if (report != null) {
                Path reportPath = Path.of(report).toAbsolutePath().normalize();
                writeReport(result, reportPath);
                out.println("Report written to " + reportPath);
            }
            return OK;
        } catch (IOException e) {
            progress.breakLine();
            err.println("Replay of " + file + " failed: " + HealthCheck.describe(e));
            return FAILED;
        }
    }

    private void writeReport(ReplayReport report, Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        http.mapper().writerWithDefaultPrettyPrinter().writeValue(path.toFile(), report);
    }

    /** Command options of the form {@code --name value}, plus flags without a value. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args, int from, Set<String> flags) {
            Map<String, String> values = new HashMap<>();
            for (int i = from; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new IllegalArgumentException("expected an option such as --name, found '" + arg + "'");
                }
                String name = arg.substring(2);
                if (flags.contains(name)) {
                    values.put(name, "true");
                } else if (i + 1 < args.length) {
                    values.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
            }
            return new Options(values);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("missing option --" + name);
            }
            return value;
        }

        String value(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }

        URI uri(String name) {
            String value = required(name);
            try {
                return URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + name + " is not a valid URL: " + value);
            }
        }

        long longValue(String name, long fallback) {
            String value = values.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, found '" + value + "'");
            }
        }

        OptionalLong optionalLong(String name) {
            return values.containsKey(name) ? OptionalLong.of(longValue(name, 0)) : OptionalLong.empty();
        }
    }
}
