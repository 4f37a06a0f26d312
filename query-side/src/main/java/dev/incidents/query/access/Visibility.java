package dev.incidents.query.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.data.mongodb.core.query.Criteria;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * The incidents one caller may read, as a check of a single incident and as a MongoDB filter for queues. A caller
 * with several roles may read the union of what each role grants:
 *
 * <ul>
 *     <li>SERVICE_DESK, AUDITOR, ANALYST and ADMIN: every incident;</li>
 *     <li>MANAGER: incidents whose owner group or assigned group is one the user manages (with the groups below
 *     it) or belongs to;</li>
 *     <li>SPECIALIST: incidents whose owner group or assigned group is one the user belongs to, or that are
 *     assigned to the user;</li>
 *     <li>any of these roles and REQUESTER: incidents the user reported, without internal work notes unless
 *     another rule grants the incident.</li>
 * </ul>
 *
 * A caller without any role reads nothing.
 */
public final class Visibility {

    private static final Set<Role> READS_EVERYTHING = Set.of(Role.SERVICE_DESK, Role.AUDITOR, Role.ANALYST, Role.ADMIN);

    private final Caller caller;
    private final boolean everything;
    private final Set<String> staffGroups;
    private final boolean assigneeGrant;
    private final boolean requesterGrant;

    private Visibility(Caller caller) {
        this.caller = caller;
        this.everything = caller.roles().stream().anyMatch(READS_EVERYTHING::contains);

        Set<String> groups = new TreeSet<>();
        if (caller.has(Role.MANAGER)) {
            caller.managedGroups().stream().map(SupportGroupId::value).forEach(groups::add);
            caller.groups().stream().map(SupportGroupId::value).forEach(groups::add);
        }
        if (caller.has(Role.SPECIALIST)) {
            caller.groups().stream().map(SupportGroupId::value).forEach(groups::add);
        }
        this.staffGroups = Set.copyOf(groups);
        this.assigneeGrant = caller.has(Role.SPECIALIST);
        this.requesterGrant = !caller.roles().isEmpty();
    }

    public static Visibility of(Caller caller) {
        return new Visibility(caller);
    }

    public Caller caller() {
        return caller;
    }

    public String user() {
        return caller.user().value();
    }

    /** Returns true when the caller may read every incident, so queries need no visibility filter. */
    public boolean seesEverything() {
        return everything;
    }

    /**
     * Returns true when the caller works on incidents of some support group and may therefore learn that an incident
     * id exists without reading it. A caller who is only a requester may not: an unknown id and an incident of
     * someone else get the same rejection.
     */
    public boolean mayLearnExistence() {
        return everything || caller.has(Role.MANAGER) || caller.has(Role.SPECIALIST);
    }

    /** Returns the groups whose incidents the caller reads as support staff, sorted by name. */
    public Set<String> staffGroups() {
        return staffGroups;
    }

    public IncidentAccess accessTo(ProjectedIncident incident) {
        return accessTo(incident.ownerGroup(), incident.assignedGroup(), incident.assignee(), incident.requester());
    }

    /** Decides the access to an incident with these values, which may be those it had at an earlier instant. */
    public IncidentAccess accessTo(String ownerGroup, String assignedGroup, String assignee, String requester) {
        if (everything) {
            return IncidentAccess.STAFF;
        }
        if (isStaffGroup(ownerGroup) || isStaffGroup(assignedGroup)) {
            return IncidentAccess.STAFF;
        }
        if (assigneeGrant && user().equals(assignee)) {
            return IncidentAccess.STAFF;
        }
        if (requesterGrant && user().equals(requester)) {
            return IncidentAccess.CUSTOMER;
        }
        return IncidentAccess.NONE;
    }

    private boolean isStaffGroup(String group) {
        // Set.copyOf gives a set whose contains(null) throws, and an incident may have no assigned group.
        return group != null && staffGroups.contains(group);
    }

    /**
     * Returns a filter on {@code incident_summaries} that matches the incidents the caller may read, or null when the
     * caller reads every incident. The user id and group names are compared as plain strings, never parsed.
     */
    public Criteria criteria() {
        if (everything) {
            return null;
        }
        List<Criteria> grants = new ArrayList<>();
        if (!staffGroups.isEmpty()) {
            grants.add(Criteria.where(ProjectedIncident.OWNER_GROUP).in(staffGroups));
            grants.add(Criteria.where(ProjectedIncident.ASSIGNED_GROUP).in(staffGroups));
        }
        if (assigneeGrant) {
            grants.add(Criteria.where(ProjectedIncident.ASSIGNEE).is(user()));
        }
        if (requesterGrant) {
            grants.add(Criteria.where(ProjectedIncident.REQUESTER).is(user()));
        }
        if (grants.isEmpty()) {
            // No role grants anything: match no document. The _id of every summary is a string, never null.
            return Criteria.where("_id").is(null);
        }
        return new Criteria().orOperator(grants);
    }

    /** Describes in words which incidents the caller may read, for rejections. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!staffGroups.isEmpty()) {
            parts.add("owned by or assigned to " + String.join(", ", staffGroups));
        }
        if (assigneeGrant) {
            parts.add("assigned to " + user());
        }
        if (requesterGrant) {
            parts.add("reported by " + user());
        }
        if (parts.isEmpty()) {
            return "user " + user() + " holds no role and may read no incidents";
        }
        return "user " + user() + " may read only incidents " + String.join(", or ", parts);
    }
}
