package dev.incidents.benchmark.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.benchmark.Figure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Measures the servers from outside, as their users meet them: imports, commands over REST and through the command
 * gateway, live command latency during an import, queries under concurrent readers, rebuilds, growth of the store
 * and the memory of each process. Every stack is started through {@code bin/incidents} in a data folder of its own.
 */
public final class EndToEndBenchmarks {

    private static final String READ_SPEED_PROBE = "read-speed-probe";
    private static final String SERVICE_DESK = "user:sally.desk";
    /** A member of {@link #LIVE_GROUP}, who accepts and resolves its incidents. */
    private static final String SPECIALIST = "user:nick.net";
    private static final String ADMIN = "ADMIN";
    private static final String ANALYST = "ANALYST";
    private static final String LIVE_GROUP = "NET";
    /** Load before each measured closed loop, so that the first requests' class loading and JIT are not measured. */
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** A support group of the BPI Challenge 2013 log with many incidents, whose figures a manager would ask for. */
    private static final String ANALYTICS_GROUP = "G97";

    /**
     * The settings of one run of the suite.
     *
     * @param repoRoot     the project's root, with bin/incidents and the built jars
     * @param workDir      where the runs keep their data folders and generated logs
     * @param bpic         the BPI Challenge 2013 incident log (XES)
     * @param serviceNow   the ServiceNow incident event log (CSV), or null to leave it out
     * @param runs         repetitions of each import
     * @param loadDuration how long each closed-loop or fixed-rate load runs
     * @param readers      concurrent readers of the query benchmark
     * @param liveRate     live commands a second during an import
     * @param growthSizes  stored events at which growth is measured, ascending
     * @param javaOptions  JVM options of each server
     */
    public record Settings(Path repoRoot, Path workDir, Path bpic, Path serviceNow, int runs, Duration loadDuration,
                           int readers, int liveRate, List<Integer> growthSizes, String javaOptions) {
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> probeOn = Map.of("INCIDENTS_PROJECTIONS_READ_SPEED_PROBE", "true");

    private EndToEndBenchmarks(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs every end-to-end benchmark and returns their figures; {@code progress} receives a line per step. */
    public static List<Figure> run(Settings settings, Consumer<String> progress) throws Exception {
        EndToEndBenchmarks benchmarks = new EndToEndBenchmarks(settings, progress);
        benchmarks.imports();
        benchmarks.growth();
        return benchmarks.figures;
    }

    /**
     * Imports the BPI Challenge 2013 log into new stores: without projections (the store-bound floor), then end to end
     * until the query side has caught up. On the last store it goes on with the other benchmarks.
     */
    private void imports() throws Exception {
        Runs floor = new Runs();
        long records = 0;
        for (int run = 1; run <= settings.runs(); run++) {
            try (Stack stack = start("floor-" + run, Map.of())) {
                stack.stopQuerySide();
                Imports.Timing timing = Imports.run(stack.commandSide(ADMIN), null, settings.bpic(), "bpic2013", 0);
                progress.accept("floor run " + run + ": " + timing);
                floor.add(timing.importSeconds());
                records = timing.records();
            }
        }

        Runs endToEnd = new Runs();
        Runs commandMemory = new Runs();
        Runs queryMemory = new Runs();
        for (int run = 1; run <= settings.runs(); run++) {
            Stack stack = start("import-" + run, probeOn);
            boolean last = run == settings.runs();
            try {
                Imports.Timing timing = Imports.run(stack.commandSide(ADMIN), stack.querySide(ADMIN), settings.bpic(),
                        "bpic2013", 0);
                progress.accept("import run " + run + ": " + timing);
                endToEnd.add(timing.caughtUpSeconds());
                commandMemory.add(stack.peakResidentMib(Stack.COMMAND_SIDE));
                queryMemory.add(stack.peakResidentMib(Stack.QUERY_SIDE));
                if (last) {
                    figures.add(floor.figure("import floor", "BPIC 2013 import (" + records + " records) with the"
                            + " query side stopped, " + Math.round(records / floor.median()) + " records/s", "s"));
                    figures.add(endToEnd.figure("import", "BPIC 2013 import until the query side caught up, "
                            + Math.round(records / endToEnd.median()) + " records/s", "s", "import floor",
                            endToEnd.median() / floor.median()));
                    figures.add(commandMemory.figure("memory command side", "peak resident memory during the"
                            + " BPIC 2013 import (VmHWM)", "MiB"));
                    figures.add(queryMemory.figure("memory query side", "peak resident memory during the"
                            + " BPIC 2013 import (VmHWM)", "MiB"));
                    afterImport(stack);
                }
            } finally {
                stack.close();
            }
        }
    }

    /** Runs the benchmarks that need a store holding a replayed log, on the last import's stack. */
    private void afterImport(Stack stack) throws Exception {
        rebuilds(stack);
        liveLatencyDuringImport(stack);
        queries(stack);
        commandThroughput(stack, "on the BPIC 2013 store");
    }

    /**
     * Sends live commands at a fixed rate while the ServiceNow log (or a synthetic one) is imported, and measures
     * their latency from the instant each was due.
     */
    private void liveLatencyDuringImport(Stack stack) throws Exception {
        Api desk = stack.commandSide(SERVICE_DESK);
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            incidents.add(report(desk, "Printer queue stuck " + i));
        }
        Path log = settings.serviceNow() != null ? settings.serviceNow()
                : SyntheticLog.write(settings.workDir().resolve("logs/live-load.xes.gz"), 5_000_000, 5_000);
        String format = settings.serviceNow() != null ? "servicenow" : "bpic2013";
        CompletableFuture<Imports.Timing> background = CompletableFuture.supplyAsync(() -> {
            try {
                return Imports.run(stack.commandSide(ADMIN), null, log, format, 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_000);

        ConcurrentLinkedQueue<String> reported = new ConcurrentLinkedQueue<>();
        Load.Result result = Load.fixedRate(settings.liveRate(), settings.loadDuration(), 64, (client, iteration) -> {
            if (iteration % 2 == 0) {
                reported.add(report(desk, "Live incident " + iteration));
            } else {
                String incident = incidents.get((int) (iteration % incidents.size()));
                desk.post("/api/incidents/" + incident + "/work-notes", "{\"text\": \"Checked again\"}");
            }
            return 1;
        });
        boolean importStillRunning = !background.isDone();
        Imports.Timing imported = background.join();
        String failure = result.firstFailure() == null ? "" : " " + result.firstFailure();
        progress.accept("live commands during import: " + result.operations() + " in " + result.seconds()
                + " s, failures " + result.failures() + failure + ", import " + imported
                + (importStillRunning ? "" : " (import ended before the load)"));
        String workload = settings.liveRate() + " live commands/s (reports and work notes) during the "
                + (settings.serviceNow() != null ? "ServiceNow" : "synthetic") + " import"
                + (importStillRunning ? "" : ", which ended first");
        Latencies latencies = result.latencies();
        figures.add(Runs.of(latencies.percentileMillis(50)).figure("live command latency p50", workload, "ms"));
        figures.add(Runs.of(latencies.percentileMillis(99)).figure("live command latency p99", workload, "ms"));
        Imports.awaitCaughtUp(stack.querySide(ADMIN), System.nanoTime());
    }

    /** Reads a support group queue page, incident histories and an analytics report with many readers at once. */
    private void queries(Stack stack) throws Exception {
        Api analyst = stack.querySide(ANALYST);
        Api admin = stack.querySide(ADMIN);
        List<String> incidentIds = new ArrayList<>();
        for (JsonNode item : admin.get("/api/queues/groups/" + LIVE_GROUP + "?size=100").path("items")) {
            incidentIds.add(item.path("incidentId").asText());
        }
        if (incidentIds.isEmpty()) {
            throw new IOException("the queue of " + LIVE_GROUP + " is empty: the live load reported no incident");
        }

        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("query support group queue page", "/api/queues/groups/" + LIVE_GROUP + "?size=20&page=1");
        queries.put("query incident history", null);
        queries.put("query analytics", "/api/analytics/service-levels?from=2012-04-01&to=2012-06-01&group="
                + ANALYTICS_GROUP);
        for (Map.Entry<String, String> query : queries.entrySet()) {
            Api reader = query.getKey().contains("analytics") ? analyst : admin;
            Load.Operation operation = (client, iteration) -> {
                String path = query.getValue() != null ? query.getValue() : "/api/incidents/"
                        + incidentIds.get((int) ((client * 31 + iteration) % incidentIds.size())) + "/history";
                int status = reader.getStatus(path);
                if (status != 200) {
                    throw new IOException("GET " + path + " returned " + status);
                }
                return 1;
            };
            Load.closedLoop(settings.readers(), WARM_UP, operation);
            Load.Result result = Load.closedLoop(settings.readers(), settings.loadDuration(), operation);
            progress.accept(query.getKey() + ": " + result.operations() + " in " + result.seconds() + " s, failures "
                    + result.failures());
            String workload = settings.readers() + " concurrent readers after the replays, "
                    + Math.round(result.perSecond()) + " requests/s"
                    + (result.failures() > 0 ? ", " + result.failures() + " refused or failed: "
                    + result.firstFailure() : "");
            figures.add(Runs.of(result.latencies().percentileMillis(50)).figure(query.getKey() + " p50", workload,
                    "ms"));
            figures.add(Runs.of(result.latencies().percentileMillis(99)).figure(query.getKey() + " p99", workload,
                    "ms"));
        }
    }

    /**
     * Sends the shortest lifecycle (report, assign, accept, resolve, close) for distinct incidents, over REST from 1
     * and 8 clients, and through the command gateway by an import of the same lifecycle with 1 and 8 workers.
     */
    private Map<Integer, Double> commandThroughput(Stack stack, String where) throws Exception {
        Map<Integer, Double> restByClients = new LinkedHashMap<>();
        for (int clients : new int[] {1, 8}) {
            Imports.Timing gateway = gatewayLifecycles(stack, clients, clients * 400);
            double gatewayPerSecond = gateway.records() / gateway.importSeconds();
            Imports.awaitCaughtUp(stack.querySide(ADMIN), System.nanoTime());

            Load.Operation lifecycle = (client, iteration) -> lifecycleOverRest(stack);
            Load.closedLoop(clients, WARM_UP, lifecycle);
            Load.Result rest = Load.closedLoop(clients, settings.loadDuration(), lifecycle);
            progress.accept("commands over REST, " + clients + " clients " + where + ": " + rest.operations()
                    + " in " + rest.seconds() + " s, failures " + rest.failures() + " "
                    + (rest.firstFailure() == null ? "" : rest.firstFailure()));
            figures.add(Runs.of(gatewayPerSecond).figure("commands gateway " + clients + " client"
                    + (clients > 1 ? "s" : ""), "report+assign, accept, resolve, close by import " + where,
                    "commands/s"));
            figures.add(Runs.of(rest.perSecond()).figure("commands REST " + clients + " client"
                    + (clients > 1 ? "s" : ""), "report, assign, accept, resolve, close " + where, "commands/s",
                    "commands gateway", rest.perSecond() / gatewayPerSecond));
            restByClients.put(clients, rest.perSecond());
        }
        return restByClients;
    }

    private int nextSyntheticNumber = 1;

    /** Imports {@code incidents} synthetic lifecycles with {@code workers} at once and returns the timing. */
    private Imports.Timing gatewayLifecycles(Stack stack, int workers, int incidents) throws Exception {
        Path log = SyntheticLog.write(settings.workDir().resolve("logs/gateway-" + nextSyntheticNumber + ".xes.gz"),
                nextSyntheticNumber, incidents);
        nextSyntheticNumber += incidents;
        return Imports.run(stack.commandSide(ADMIN), null, log, "bpic2013", workers);
    }

    private static int lifecycleOverRest(Stack stack) throws Exception {
        Api desk = stack.commandSide(SERVICE_DESK);
        Api specialist = stack.commandSide(SPECIALIST);
        String id = desk.post("/api/incidents", "{\"summary\": \"Switch port flapping\", \"requester\":"
                + " \"rita.requester\", \"impact\": \"LOW\", \"urgency\": \"MEDIUM\"}").get("incidentId").asText();
        desk.post("/api/incidents/" + id + "/assign", "{\"group\": \"" + LIVE_GROUP + "\"}");
        specialist.post("/api/incidents/" + id + "/accept", "{}");
        specialist.post("/api/incidents/" + id + "/resolve", "{\"resolutionCode\": \"fixed\"}");
        desk.post("/api/incidents/" + id + "/close", "{}");
        return 5;
    }

    private static String report(Api desk, String summary) throws IOException, InterruptedException {
        JsonNode reported = desk.post("/api/incidents", "{\"summary\": \"" + summary + "\", \"requester\":"
                + " \"rita.requester\", \"impact\": \"LOW\", \"urgency\": \"MEDIUM\", \"assignedGroup\": \""
                + LIVE_GROUP + "\"}");
        return reported.get("incidentId").asText();
    }

    /**
     * Rebuilds the read-speed probe, then every read model in turn (the query side runs one rebuild at a time), and
     * gives events per second: the median, slowest and fastest read model.
     */
    private void rebuilds(Stack stack) throws Exception {
        Api admin = stack.querySide(ADMIN);
        double probe = rebuild(admin, List.of(READ_SPEED_PROBE));
        Runs readModels = new Runs();
        for (JsonNode processor : admin.get("/api/projections").path("processors")) {
            String name = processor.path("name").asText();
            if (!name.equals(READ_SPEED_PROBE)) {
                readModels.add(rebuild(admin, List.of(name)));
            }
        }
        figures.add(Runs.of(probe).figure("rebuild baseline", "replay into a projection that writes nothing",
                "events/s"));
        figures.add(readModels.figure("rebuild", "reset and replay of each read model in turn; runs are the read"
                + " models", "events/s", "rebuild baseline", readModels.median() / probe));
    }

    /** Rebuilds the processors one after the other and returns the events of the store read per second. */
    private double rebuild(Api admin, List<String> processors) throws Exception {
        long started = System.nanoTime();
        long events = 0;
        for (String processor : processors) {
            admin.post("/api/projections/" + processor + "/rebuild", "");
            JsonNode state = admin.get("/api/projections/" + processor + "/rebuild");
            while ("RUNNING".equals(state.path("state").asText())) {
                Thread.sleep(100);
                state = admin.get("/api/projections/" + processor + "/rebuild");
            }
            if (!"DONE".equals(state.path("state").asText())) {
                throw new IOException("rebuild of " + processor + " failed: " + state);
            }
            // A rebuild reads every event of the store, also those its projection does not handle (eventsDone).
            events = Math.max(events, state.path("head").asLong());
        }
        double seconds = Imports.seconds(started);
        progress.accept("rebuild of " + processors + ": " + events + " events in " + seconds + " s");
        return events / seconds;
    }

    /**
     * Fills one store with synthetic lifecycles up to each size in turn and measures command throughput over REST
     * and the replay speed of the read-speed probe and of one real read model there.
     */
    private void growth() throws Exception {
        try (Stack stack = start("growth", probeOn)) {
            Api admin = stack.querySide(ADMIN);
            Double firstCommandMillis = null;
            Double firstEventMicros = null;
            long stored = admin.get("/api/projections").path("head").asLong();
            for (int size : settings.growthSizes()) {
                while (stored < size) {
                    int incidents = (int) Math.max(100, (size - stored) / 5);
                    Imports.Timing fill = gatewayLifecycles(stack, 8, incidents);
                    stored = Imports.awaitCaughtUp(admin, System.nanoTime());
                    progress.accept("growth: filled to " + stored + " events (" + fill + ")");
                }
                Load.Operation lifecycle = (client, iteration) -> lifecycleOverRest(stack);
                Load.closedLoop(8, WARM_UP, lifecycle);
                Load.Result rest = Load.closedLoop(8, settings.loadDuration(), lifecycle);
                Imports.awaitCaughtUp(admin, System.nanoTime());
                double rebuild = rebuild(admin, List.of("incident-summary"));

                // Costs, so that a ratio above 1 means that a command or an event got dearer as the store grew.
                double commandMillis = 1_000 / rest.perSecond();
                double eventMicros = 1_000_000 / rebuild;
                firstCommandMillis = firstCommandMillis == null ? commandMillis : firstCommandMillis;
                firstEventMicros = firstEventMicros == null ? eventMicros : firstEventMicros;
                String label = size >= 1_000_000 ? size / 1_000_000 + "M" : size / 1_000 + "k";
                String first = settings.growthSizes().get(0) / 1_000 + "k";
                figures.add(Runs.of(commandMillis).figure("growth command cost " + label, "REST lifecycles from 8"
                        + " clients with " + stored + " events stored, " + Math.round(rest.perSecond())
                        + " commands/s", "ms/command", "growth command cost " + first,
                        commandMillis / firstCommandMillis));
                figures.add(Runs.of(eventMicros).figure("growth rebuild cost " + label, "incident-summary rebuild"
                        + " with " + stored + " events stored, " + Math.round(rebuild) + " events/s", "us/event",
                        "growth rebuild cost " + first, eventMicros / firstEventMicros));
                stored = admin.get("/api/projections").path("head").asLong();
            }
        }
    }

    private Stack start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        progress.accept("starting the servers for " + name);
        return Stack.start(settings.repoRoot(), settings.workDir().resolve("runs/" + name), settings.javaOptions(),
                environment);
    }
}
