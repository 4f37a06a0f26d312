package dev.incidents.command.incident;

import dev.incidents.api.incident.IncidentId;

import java.util.List;

/**
 * The command side's record of which incident duplicates which, consulted and updated in the transaction that
 * stores the duplicate's cancellation. Markings are serialised, so two concurrent markings in opposite
 * directions never both pass the checks.
 */
public interface DuplicateRegistry {

    /**
     * Locks the registry until the current transaction ends and returns what the rules need to know about the two
     * incidents.
     */
    DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId);

    /** Records that {@code duplicateId} duplicates {@code originalId}, in the current transaction. */
    void link(IncidentId duplicateId, IncidentId originalId);

    /**
     * What the registry and the event store show at the time of the check.
     *
     * @param originalExists whether the original incident has been reported
     * @param originalOpen whether the original is neither CANCELLED nor CLOSED
     * @param originalDuplicates the incident the original itself duplicates, or null
     * @param duplicatesOfIncident incidents recorded as duplicates of the incident to be marked
     * @param originalParties the original's requester, owner group, assigned group and assignee, which decide who
     *                        may read it; null when the original does not exist
     */
    record DuplicateCheck(boolean originalExists, boolean originalOpen, IncidentId originalDuplicates,
                          List<IncidentId> duplicatesOfIncident, IncidentPermissions.Parties originalParties) {
    }
}
