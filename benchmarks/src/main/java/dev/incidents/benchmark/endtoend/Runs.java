package dev.incidents.benchmark.endtoend;

import dev.incidents.benchmark.Figure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The values one figure took over repeated runs, and the figure they give. */
final class Runs {

    private final List<Double> values = new ArrayList<>();

    Runs add(double value) {
        values.add(value);
        return this;
    }

    double median() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    Figure figure(String name, String workload, String unit) {
        return figure(name, workload, unit, null, null);
    }

    Figure figure(String name, String workload, String unit, String baseline, Double ratio) {
        return new Figure(name, workload, unit, median(), Collections.min(values), Collections.max(values),
                values.size(), baseline, ratio);
    }

    static Runs of(double value) {
        return new Runs().add(value);
    }
}
