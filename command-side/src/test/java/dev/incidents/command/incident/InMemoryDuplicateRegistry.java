package dev.incidents.command.incident;

import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A duplicate registry for aggregate tests: the incidents it knows, whether each is open, and the links made. */
final class InMemoryDuplicateRegistry implements DuplicateRegistry {

    private final Map<IncidentId, Boolean> open = new HashMap<>();
    private final Map<IncidentId, IncidentId> links = new HashMap<>();

    InMemoryDuplicateRegistry withOpen(IncidentId incidentId) {
        open.put(incidentId, true);
        return this;
    }

    InMemoryDuplicateRegistry withClosedOrCancelled(IncidentId incidentId) {
        open.put(incidentId, false);
        return this;
    }

    InMemoryDuplicateRegistry withLink(IncidentId duplicateId, IncidentId originalId) {
        links.put(duplicateId, originalId);
        return this;
    }

    Map<IncidentId, IncidentId> links() {
        return links;
    }

    @Override
    public DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId) {
        List<IncidentId> duplicates = links.entrySet().stream()
                .filter(link -> link.getValue().equals(duplicateId))
                .map(Map.Entry::getKey)
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .toList();
        // The originals of these tests belong to the service desk, as the incidents of IncidentFixtures do.
        IncidentPermissions.Parties parties = open.containsKey(originalId)
                ? new IncidentPermissions.Parties(new UserId("rita"), new SupportGroupId("SERVICE-DESK"), null, null)
                : null;
        return new DuplicateCheck(open.containsKey(originalId), open.getOrDefault(originalId, false),
                links.get(originalId), duplicates, parties);
    }

    @Override
    public void link(IncidentId duplicateId, IncidentId originalId) {
        links.put(duplicateId, originalId);
    }
}
