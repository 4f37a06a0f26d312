package dev.incidents.query.hashchain;

/**
 * Result of checking an incident's stored events against its recorded hash chain.
 *
 * @param entriesChecked   recorded entries compared with the event store
 * @param valid            true when every checked entry matches
 * @param brokenEntries    checked entries that do not match
 * @param recordedEntries  entries with a recorded hash
 * @param storedEntries    events of the incident in the event store
 * @param unrecordedEntries stored events that have no recorded hash yet, because the projection has not handled them
 * @param firstBreak       the first entry that does not match, or null when the chain is valid
 */
record VerificationReport(String incidentId, int entriesChecked, boolean valid, int brokenEntries,
                          int recordedEntries, int storedEntries, int unrecordedEntries, Break firstBreak) {

    /**
     * An entry whose stored event no longer matches its recorded hash.
     *
     * @param recomputedHash the hash of the event now in the store, or null when there is none or it cannot be read
     */
    record Break(long sequenceNumber, String reason, String recordedHash, String recomputedHash) {
    }
}
