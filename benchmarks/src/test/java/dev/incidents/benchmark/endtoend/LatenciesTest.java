package dev.incidents.benchmark.endtoend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesUseNearestRank() {
        Latencies latencies = new Latencies();
        for (int millis = 100; millis >= 1; millis--) {
            latencies.record(millis * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void emptyLatenciesHaveNoPercentile() {
        assertThat(new Latencies().percentileMillis(50)).isNaN();
    }

    @Test
    void medianOfEvenRunsIsMean() {
        Runs runs = new Runs().add(30).add(10).add(20).add(40);

        assertThat(runs.median()).isEqualTo(25.0);
        assertThat(runs.figure("import", "a log", "s").min()).isEqualTo(10.0);
        assertThat(runs.figure("import", "a log", "s").max()).isEqualTo(40.0);
        assertThat(runs.figure("import", "a log", "s").runs()).isEqualTo(4);
    }
}
