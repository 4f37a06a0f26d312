package dev.incidents.benchmark.jmh;

import dev.incidents.benchmark.Figure;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns JMH results into {@link Figure}s with their names, workloads and baselines. */
final class JmhFigures {

    private static final Map<String, String> PREFIXES = Map.of(
            IncidentCommandBenchmark.class.getName(), "incident",
            EventSerializationBenchmark.class.getName(), "serialization",
            ServiceLevelBenchmark.class.getName(), "sla");

    private static final Map<String, String> WORKLOADS = Map.of(
            "incident.report", "report one incident on an empty store, with the standard service level terms",
            "incident.reportToClose", "report, assign, accept, resolve and close one incident: 5 commands, each"
                    + " loading the events before it",
            "incident.resolveAfterHistory", "resolve one incident after loading its %s stored events (no cache,"
                    + " no snapshot)",
            "serialization.roundTrip", "serialize one %s payload to JSON bytes and read it back",
            "serialization.bytes", "size of one serialized %s payload, without metadata",
            "sla.dueAt", "due instant of a 24 h target from Thursday 17 April 2025 15:00, %s calendar",
            "sla.elapsed", "business time in the 28 days from Thursday 17 April 2025 15:00, %s calendar",
            "sla.foldHistory", "feed a 14-event history to new service level clocks and read them, %s calendar");

    private JmhFigures() {
    }

    /** Converts each result, median, minimum and maximum taken over its measurement iterations. */
    static List<Figure> from(Collection<RunResult> results) {
        List<Figure> figures = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            int lastDot = benchmark.lastIndexOf('.');
            String prefix = PREFIXES.getOrDefault(benchmark.substring(0, lastDot), "jmh");
            String base = prefix + "." + benchmark.substring(lastDot + 1);
            String parameter = params.getParamsKeys().isEmpty() ? null
                    : String.join(",", params.getParamsKeys().stream().map(params::getParam).toList());

            Result<?> primary = result.getPrimaryResult();
            Statistics statistics = primary.getStatistics();
            figures.add(new Figure(name(base, parameter), workload(base, parameter), primary.getScoreUnit(),
                    statistics.getPercentile(50), statistics.getMin(), statistics.getMax(), (int) statistics.getN(),
                    null, null));
        }
        return figures;
    }

    /** Creates the figure of a value that is computed once and does not vary between runs. */
    static Figure single(String base, String parameter, String unit, double value) {
        return new Figure(name(base, parameter), workload(base, parameter), unit, value, value, value, 1, null, null);
    }

    /**
     * Returns the figures with baselines and ratios: the lifecycle and the loaded incidents against a report on an
     * empty store, each event against {@link EventSerializationBenchmark.TrivialRecord}, and the office-hours
     * calendar against the 24x7 one. A figure whose baseline did not run keeps none.
     */
    static List<Figure> withBaselines(List<Figure> figures) {
        Map<String, Figure> byName = new HashMap<>();
        figures.forEach(figure -> byName.put(figure.name(), figure));

        List<Figure> compared = new ArrayList<>();
        for (Figure figure : figures) {
            Figure baseline = byName.get(baselineOf(figure.name()));
            if (baseline == null || baseline == figure || baseline.median() == 0) {
                compared.add(figure);
                continue;
            }
            compared.add(new Figure(figure.name(), figure.workload(), figure.unit(), figure.median(), figure.min(),
                    figure.max(), figure.runs(), baseline.name(), figure.median() / baseline.median()));
        }
        return compared;
    }

    private static String baselineOf(String name) {
        if (name.startsWith("incident.")) {
            return "incident.report";
        }
        if (name.startsWith("serialization.")) {
            return name.substring(0, name.indexOf('[') + 1) + EventSerializationBenchmark.TRIVIAL + "]";
        }
        if (name.startsWith("sla.")) {
            return name.replace("[office-hours]", "[24x7]");
        }
        return null;
    }

    private static String name(String base, String parameter) {
        return parameter == null ? base : base + "[" + parameter + "]";
    }

    private static String workload(String base, String parameter) {
        String template = WORKLOADS.getOrDefault(base, base);
        return parameter == null ? template : String.format(template, parameter);
    }
}
