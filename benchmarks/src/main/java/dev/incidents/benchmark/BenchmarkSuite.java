package dev.incidents.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.incidents.benchmark.endtoend.EndToEndBenchmarks;
import dev.incidents.benchmark.jmh.InProcessBenchmarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the in-process benchmarks (JMH) and the end-to-end benchmarks, prints one table and writes it as JSON with the
 * machine, the commit and the date.
 *
 * <p>Arguments: {@code --quick} for a short smoke run (one run of each import, short loads, growth to 50,000
 * events); {@code --growth 10000,100000,1000000} for the store sizes of the growth figures ({@code default}:
 * 10,000 and 100,000 events; filling a store to a million events takes longer than the rest of the suite);
 * {@code --output FILE} for the JSON (default {@code target/benchmark-results.json}). The logs are read
 * from the files named by {@code INCIDENTS_BPIC2013_FILE} and {@code INCIDENTS_SERVICENOW_FILE}, or else from the
 * copies that CI keeps beside the repository.
 */
public final class BenchmarkSuite {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkSuite.class);
    private static final String BPIC_PATH = "datasets/bpic2013/bpi_challenge_2013_incidents.xes.gz";
    private static final String SERVICENOW_PATH = "datasets/uci-incident-event-log/incident_event_log_dev.csv.gz";

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path output = Path.of(argument(args, "--output", "target/benchmark-results.json")).toAbsolutePath();
        Path repoRoot = Path.of(argument(args, "--repository", "..")).toAbsolutePath().normalize();
        Path bpic = dataset("INCIDENTS_BPIC2013_FILE", repoRoot, BPIC_PATH);
        if (!Files.isRegularFile(bpic)) {
            throw new IllegalArgumentException("the BPI Challenge 2013 log " + bpic + " is missing: set"
                    + " INCIDENTS_BPIC2013_FILE to the file bpi_challenge_2013_incidents.xes.gz");
        }
        Path serviceNow = dataset("INCIDENTS_SERVICENOW_FILE", repoRoot, SERVICENOW_PATH);
        EndToEndBenchmarks.Settings settings = new EndToEndBenchmarks.Settings(repoRoot,
                output.getParent().resolve("benchmark-work"), bpic,
                Files.isRegularFile(serviceNow) ? serviceNow : null,
                quick ? 1 : 2,
                Duration.ofSeconds(quick ? 5 : 10),
                50,
                200,
                growthSizes(argument(args, "--growth", "default"), quick),
                "-Xmx512m");

        long started = System.nanoTime();
        log.info("Benchmark suite started ({}), output {}", quick ? "quick" : "full", output);
        List<Figure> figures = new ArrayList<>();
        figures.addAll(InProcessBenchmarks.run(quick));
        figures.addAll(EndToEndBenchmarks.run(settings, line -> log.info("{}", line)));
        double minutes = (System.nanoTime() - started) / 60e9;

        String table = FigureTable.markdown(figures);
        System.out.println();
        System.out.println(table);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", Instant.now().toString());
        document.put("commit", commit(repoRoot));
        document.put("machine", machine());
        document.put("quick", quick);
        document.put("minutes", Math.round(minutes * 10) / 10.0);
        document.put("figures", figures);
        Files.createDirectories(output.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), document);
        log.info("Benchmark suite finished in {} min; table written as JSON to {}", String.format("%.1f", minutes),
                output);
    }

    private static List<Integer> growthSizes(String sizes, boolean quick) {
        if (sizes.equals("default")) {
            return quick ? List.of(10_000, 50_000) : List.of(10_000, 100_000);
        }
        List<Integer> parsed = new ArrayList<>();
        for (String size : sizes.split(",")) {
            parsed.add(Integer.parseInt(size.trim()));
        }
        parsed.sort(null);
        return parsed;
    }

    private static Path dataset(String variable, Path repoRoot, String path) {
        String file = System.getenv(variable);
        return file != null && !file.isBlank() ? Path.of(file) : repoRoot.resolveSibling("shared").resolve(path);
    }

    private static String argument(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMiB", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        Path cpuInfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuInfo)) {
            Files.readAllLines(cpuInfo).stream().filter(line -> line.startsWith("model name")).findFirst()
                    .ifPresent(line -> machine.put("cpu", line.substring(line.indexOf(':') + 1).trim()));
        }
        machine.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return machine;
    }

    private static String commit(Path repoRoot) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(repoRoot.toFile())
                    .redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? commit : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
