package dev.incidents.query.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Names the queue sections an incident belongs to, by the same rules as the filters of {@link QueueQueryHandler}. The
 * service desk queue is the sections {@link #NEW}, {@code GROUP:<service desk group>} and
 * {@code OWNER_RESOLVED:<service desk group>}, so the keys do not depend on which group is the service desk.
 */
final class QueueKeys {

    static final String NEW = "NEW";

    private static final Set<IncidentState> ASSIGNEE_WORK_STATES =
            Set.of(IncidentState.ASSIGNED, IncidentState.IN_PROGRESS, IncidentState.PENDING);

    private QueueKeys() {
    }

    /** Returns the key of the support group queue of {@code group}: assigned to the group and not yet accepted. */
    static String group(String group) {
        return "GROUP:" + group;
    }

    /** Returns the key of the resolved incidents that {@code group} owns and that wait for closure. */
    static String ownerResolved(String group) {
        return "OWNER_RESOLVED:" + group;
    }

    static String assignee(String user) {
        return "ASSIGNEE:" + user;
    }

    static String requester(String user) {
        return "REQUESTER:" + user;
    }

    /** Returns the keys of every queue section the incident belongs to in its current state. */
    static List<String> of(ProjectedIncident incident) {
        List<String> keys = new ArrayList<>();
        IncidentState state = incident.state();
        if (incident.requester() != null) {
            keys.add(requester(incident.requester()));
        }
        if (state == IncidentState.NEW) {
            keys.add(NEW);
        }
        if (state == IncidentState.ASSIGNED && incident.assignedGroup() != null) {
            keys.add(group(incident.assignedGroup()));
        }
        if (state == IncidentState.RESOLVED && incident.ownerGroup() != null) {
            keys.add(ownerResolved(incident.ownerGroup()));
        }
        if (ASSIGNEE_WORK_STATES.contains(state) && incident.assignee() != null) {
            keys.add(assignee(incident.assignee()));
        }
        return keys;
    }
}
