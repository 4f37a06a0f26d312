package dev.incidents.benchmark.jmh;

import dev.incidents.benchmark.Figure;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs the in-process benchmarks through JMH and reports them as {@link Figure}s: command handling of the incident
 * aggregate, event serialization with sizes, and the service level arithmetic.
 *
 * <p>Each benchmark runs in one forked JVM that JMH starts with this JVM's {@code java.class.path}, so the caller
 * must run on a class path that lists every jar, as {@code java -cp} does.
 */
public final class InProcessBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(InProcessBenchmarks.class);

    private InProcessBenchmarks() {
    }

    /**
     * Runs every benchmark once and returns its figures, followed by the serialized sizes. JMH starts one JVM per
     * benchmark and parameter value, which takes most of the time: on a shared 2-core machine the full run took
     * about 2 minutes and the quick run about half a minute.
     *
     * @param quick true for 1 warm-up and 2 measurement iterations of 100 ms, with only the round trips of
     *              {@code IncidentReported} and the trivial record, the history of 100 events and the office-hours
     *              calendar, which checks that everything runs; false for 2 warm-up and 5 measurement iterations of
     *              400 ms and every parameter value
     * @throws IllegalStateException when JMH fails to run a benchmark
     */
    public static List<Figure> run(boolean quick) {
        Options options = options(quick, classPattern(IncidentCommandBenchmark.class),
                classPattern(EventSerializationBenchmark.class), classPattern(ServiceLevelBenchmark.class));
        log.info("Starting the in-process benchmarks ({} settings)", quick ? "quick" : "full");

        List<Figure> figures = new ArrayList<>(measure(options));
        EventSerializationBenchmark.serializedSizes().forEach((payloadType, bytes) ->
                figures.add(JmhFigures.single("serialization.bytes", payloadType, "bytes", bytes)));
        log.info("Finished the in-process benchmarks: {} figures", figures.size());
        return JmhFigures.withBaselines(figures);
    }

    /**
     * Runs the benchmarks that {@code options} select and returns their figures, without baselines.
     *
     * @throws IllegalStateException when JMH fails to run a benchmark
     */
    static List<Figure> measure(Options options) {
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed to run the in-process benchmarks: " + e.getMessage(), e);
        }
        return JmhFigures.from(results);
    }

    /**
     * Returns JMH options that run the benchmarks whose names match one of {@code includes}, each in one forked
     * JVM.
     */
    static Options options(boolean quick, String... includes) {
        OptionsBuilder builder = new OptionsBuilder();
        for (String include : includes) {
            builder.include(include);
        }
        // One JVM start per benchmark and parameter value dominates a quick run, so it runs fewer values.
        if (quick) {
            builder.param("payloadType", "IncidentReported", EventSerializationBenchmark.TRIVIAL)
                    .param("events", "100")
                    .param("calendarName", "office-hours");
        }
        TimeValue iteration = quick ? TimeValue.milliseconds(100) : TimeValue.milliseconds(400);
        return builder
                .forks(1)
                .warmupIterations(quick ? 1 : 2)
                .warmupTime(iteration)
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(iteration)
                .jvmArgsAppend("-Daxoniq.update-checker.disabled=true")
                .shouldFailOnError(true)
                .build();
    }

    /** Returns the JMH include pattern that selects every benchmark method of {@code benchmarkClass}. */
    static String classPattern(Class<?> benchmarkClass) {
        return "^" + Pattern.quote(benchmarkClass.getName()) + "\\.";
    }
}
