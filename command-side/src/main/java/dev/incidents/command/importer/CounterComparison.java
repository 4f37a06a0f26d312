package dev.incidents.command.importer;

/**
 * One counter of one incident: the source log's own figure, the figure the import recorded, and why they differ.
 *
 * @param reason null when the figures are equal
 */
record CounterComparison(int source, int imported, String reason) {

    boolean matches() {
        return source == imported;
    }
}
