package dev.incidents.benchmark.jmh;

import dev.incidents.benchmark.Figure;

import java.util.List;
import java.util.Locale;

/**
 * Runs the in-process benchmarks and prints one line per figure. The argument {@code --quick} selects the quick
 * settings of {@link InProcessBenchmarks#run(boolean)}, and without it the full settings apply.
 */
public final class InProcessBenchmarksMain {

    private InProcessBenchmarksMain() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        List<Figure> figures = InProcessBenchmarks.run(quick);

        System.out.printf(Locale.ROOT, "%-48s %12s %12s %12s %-6s %4s %8s%n", "name", "median", "min", "max", "unit",
                "runs", "ratio");
        for (Figure figure : figures) {
            String ratio = figure.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", figure.ratio());
            System.out.printf(Locale.ROOT, "%-48s %12.3f %12.3f %12.3f %-6s %4d %8s%n", figure.name(),
                    figure.median(), figure.min(), figure.max(), figure.unit(), figure.runs(), ratio);
        }
    }
}
