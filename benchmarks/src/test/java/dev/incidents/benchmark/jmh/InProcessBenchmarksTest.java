package dev.incidents.benchmark.jmh;

import dev.incidents.benchmark.Figure;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one benchmark with the quick settings in a JVM that JMH forks from the test's class path, and checks the
 * figure it turns into. Takes a few seconds, most of them to start the forked JVM.
 */
class InProcessBenchmarksTest {

    @Test
    void quickDueAtRunGivesFigure() {
        Options quick = InProcessBenchmarks.options(true,
                "^" + Pattern.quote(ServiceLevelBenchmark.class.getName() + ".dueAt") + "$");
        Options options = new OptionsBuilder().parent(quick).param("calendarName", "24x7").build();

        List<Figure> figures = InProcessBenchmarks.measure(options);

        assertThat(figures).hasSize(1);
        Figure figure = figures.get(0);
        assertThat(figure.name()).isEqualTo("sla.dueAt[24x7]");
        assertThat(figure.unit()).isEqualTo("us/op");
        assertThat(figure.runs()).isEqualTo(quick.getMeasurementIterations().get());
        assertThat(figure.min()).isPositive();
        assertThat(figure.median()).isBetween(figure.min(), figure.max());
        assertThat(figure.baseline()).isNull();
        assertThat(figure.ratio()).isNull();
    }

    @Test
    void officeHoursComparedWithTwentyFourSeven() {
        List<Figure> figures = List.of(
                new Figure("sla.dueAt[24x7]", "", "us/op", 2.0, 1.0, 3.0, 5, null, null),
                new Figure("sla.dueAt[office-hours]", "", "us/op", 30.0, 20.0, 40.0, 5, null, null));

        List<Figure> compared = JmhFigures.withBaselines(figures);

        assertThat(compared.get(0).baseline()).isNull();
        assertThat(compared.get(1).baseline()).isEqualTo("sla.dueAt[24x7]");
        assertThat(compared.get(1).ratio()).isEqualTo(15.0);
    }
}
