package dev.incidents.command.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Compares the reassignments and reopens an import recorded for an incident with the source's own
 * {@code reassignment_count} and {@code reopen_count} in its last row, and names the cause of a difference from
 * the rows alone: changes the import did not apply, counts from before the first imported row, or rises of the
 * source counter that no change between two rows shows.
 */
final class ServiceNowCounterCheck {

    static final String GROUP_CHANGES = "visible group changes";
    static final String STATE_CHANGES = "visible state changes out of Resolved or Closed";

    private ServiceNowCounterCheck() {
    }

    /**
     * Compares reassignments. A visible group change is a pair of consecutive imported rows whose
     * {@code assignment_group} differs, where {@code ?} counts as a value of its own, as the source counts it.
     *
     * @param rows the rows the import applied or skipped as unchanged, in order; at least one
     */
    static CounterComparison reassignments(List<ServiceNowRow> rows, int imported) {
        int visible = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (!Objects.equals(rows.get(i - 1).group(), rows.get(i).group())) {
                visible++;
            }
        }
        return compare(rows, ServiceNowRow::reassignmentCount, imported, visible, GROUP_CHANGES);
    }

    /** Compares reopens: a visible reopen is a row that leaves Resolved or Closed for another state. */
    static CounterComparison reopens(List<ServiceNowRow> rows, int imported) {
        int visible = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).resolvedOrClosed() && !rows.get(i).resolvedOrClosed()) {
                visible++;
            }
        }
        return compare(rows, ServiceNowRow::reopenCount, imported, visible, STATE_CHANGES);
    }

    private static CounterComparison compare(List<ServiceNowRow> rows, ToIntFunction<ServiceNowRow> counter,
                                             int imported, int visible, String changes) {
        ServiceNowRow first = rows.get(0);
        int source = counter.applyAsInt(rows.get(rows.size() - 1));
        if (source == imported) {
            return new CounterComparison(source, imported, null);
        }

        List<String> causes = new ArrayList<>();
        if (imported != visible) {
            causes.add("the import recorded " + imported + " of " + visible + " " + changes);
        }
        int before = counter.applyAsInt(first);
        if (before > 0) {
            causes.add("source counts " + before + " before the first imported row"
                    + (first.index() == 0 ? "" : "; the rows before it are out of sys_mod_count order"));
        }
        int hidden = source - before - visible;
        if (hidden > 0) {
            causes.add("source counts " + hidden + " more than " + changes);
        } else if (hidden < 0) {
            causes.add("source counts " + -hidden + " fewer than " + changes);
        }
        return new CounterComparison(source, imported, String.join("; ", causes));
    }
}
