package dev.incidents.command.importer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of an import: every source record ends up applied, skipped or rejected with a reason. */
final class ImportTally {

    private final LongAdder records = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final LongAdder incidents = new LongAdder();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final SourceCounterTally counters = new SourceCounterTally();

    void count(RecordOutcome outcome) {
        switch (outcome.kind()) {
            case APPLIED -> applied.increment();
            case SKIPPED -> skipped.computeIfAbsent(outcome.reason(), reason -> new LongAdder()).increment();
            case REJECTED -> rejected.computeIfAbsent(outcome.reason(), reason -> new LongAdder()).increment();
        }
        records.increment();
    }

    void countIncident() {
        incidents.increment();
    }

    /** Adds the counts of {@code other}, such as those of one incident imported apart, to these. */
    void addAll(ImportTally other) {
        records.add(other.records());
        applied.add(other.applied());
        incidents.add(other.incidents());
        other.skipped.forEach((reason, count) -> skipped.computeIfAbsent(reason, key -> new LongAdder())
                .add(count.sum()));
        other.rejected.forEach((reason, count) -> rejected.computeIfAbsent(reason, key -> new LongAdder())
                .add(count.sum()));
        counters.addAll(other.counters);
    }

    /** Comparisons with the counters that some source logs keep per incident. */
    SourceCounterTally counters() {
        return counters;
    }

    long records() {
        return records.sum();
    }

    long applied() {
        return applied.sum();
    }

    long incidents() {
        return incidents.sum();
    }

    Map<String, Long> skipped() {
        return snapshot(skipped);
    }

    Map<String, Long> rejected() {
        return snapshot(rejected);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }
}
