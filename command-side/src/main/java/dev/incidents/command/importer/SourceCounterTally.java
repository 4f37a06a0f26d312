package dev.incidents.command.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of how imported incidents' counters compare with the source log's own. */
final class SourceCounterTally {

    static final String REASSIGNMENT_COUNT = "reassignment_count";
    static final String REOPEN_COUNT = "reopen_count";

    /** Differing incidents listed by id; the rest are only counted by reason. */
    static final int LISTED_MISMATCHES = 10;

    private final LongAdder incidents = new LongAdder();
    private final LongAdder sourceReassignments = new LongAdder();
    private final LongAdder sourceReopens = new LongAdder();
    private final LongAdder importedReassignments = new LongAdder();
    private final LongAdder importedReopens = new LongAdder();
    private final LongAdder reassignmentMatches = new LongAdder();
    private final LongAdder reopenMatches = new LongAdder();
    private final Map<String, LongAdder> reassignmentMismatches = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> reopenMismatches = new ConcurrentHashMap<>();
    // Incidents are imported in parallel, so keeping the lowest ids gives the same list on every run.
    private final TreeSet<CountMismatch> firstMismatches = new TreeSet<>(
            Comparator.comparing(CountMismatch::incidentId).thenComparing(CountMismatch::counter));

    void count(String incidentId, CounterComparison reassignments, CounterComparison reopens) {
        incidents.increment();
        sourceReassignments.add(reassignments.source());
        sourceReopens.add(reopens.source());
        importedReassignments.add(reassignments.imported());
        importedReopens.add(reopens.imported());
        tally(incidentId, REASSIGNMENT_COUNT, reassignments, reassignmentMatches, reassignmentMismatches);
        tally(incidentId, REOPEN_COUNT, reopens, reopenMatches, reopenMismatches);
    }

    /** Adds the comparisons of {@code other}, such as those of one incident imported apart, to these. */
    void addAll(SourceCounterTally other) {
        incidents.add(other.incidents.sum());
        sourceReassignments.add(other.sourceReassignments.sum());
        sourceReopens.add(other.sourceReopens.sum());
        importedReassignments.add(other.importedReassignments.sum());
        importedReopens.add(other.importedReopens.sum());
        reassignmentMatches.add(other.reassignmentMatches.sum());
        reopenMatches.add(other.reopenMatches.sum());
        other.reassignmentMismatches.forEach((reason, count) -> reassignmentMismatches
                .computeIfAbsent(reason, key -> new LongAdder()).add(count.sum()));
        other.reopenMismatches.forEach((reason, count) -> reopenMismatches
                .computeIfAbsent(reason, key -> new LongAdder()).add(count.sum()));
        List<CountMismatch> listed;
        synchronized (other.firstMismatches) {
            listed = new ArrayList<>(other.firstMismatches);
        }
        synchronized (firstMismatches) {
            firstMismatches.addAll(listed);
            while (firstMismatches.size() > LISTED_MISMATCHES) {
                firstMismatches.pollLast();
            }
        }
    }

    /** Returns the figures so far, or null when no incident was compared, as in logs without counters. */
    SourceCounterReport report() {
        if (incidents.sum() == 0) {
            return null;
        }
        List<CountMismatch> listed;
        synchronized (firstMismatches) {
            listed = new ArrayList<>(firstMismatches);
        }
        return new SourceCounterReport(incidents.sum(), sourceReassignments.sum(), importedReassignments.sum(),
                reassignmentMatches.sum(), snapshot(reassignmentMismatches), sourceReopens.sum(),
                importedReopens.sum(), reopenMatches.sum(), snapshot(reopenMismatches), listed);
    }

    private void tally(String incidentId, String counter, CounterComparison comparison, LongAdder matches,
                       Map<String, LongAdder> mismatches) {
        if (comparison.matches()) {
            matches.increment();
            return;
        }
        mismatches.computeIfAbsent(comparison.reason(), reason -> new LongAdder()).increment();
        synchronized (firstMismatches) {
            firstMismatches.add(new CountMismatch(incidentId, counter, comparison.source(), comparison.imported(),
                    comparison.reason()));
            if (firstMismatches.size() > LISTED_MISMATCHES) {
                firstMismatches.pollLast();
            }
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }
}
