package dev.incidents.api.access;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated person behind a request, as the organisation knew them when the request arrived: their roles,
 * the support groups they belong to, and the groups they manage (each managed group with every group below it).
 * The command side checks its rules against this; the query side filters what it returns by it.
 *
 * @param user                the user id, taken from the authenticated principal
 * @param roles               the user's roles
 * @param groups              the support groups the user is a member of, home group first
 * @param managedGroups       the groups the user manages, and every group that reports to one of them
 * @param organisationVersion the version of the organisation this caller was resolved against
 */
public record Caller(UserId user, Set<Role> roles, List<SupportGroupId> groups, Set<SupportGroupId> managedGroups,
                     long organisationVersion) {

    public Caller {
        Objects.requireNonNull(user, "caller user is missing");
        roles = Set.copyOf(roles);
        groups = List.copyOf(groups);
        managedGroups = Set.copyOf(managedGroups);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean memberOf(SupportGroupId group) {
        return group != null && groups.contains(group);
    }

    public boolean manages(SupportGroupId group) {
        return group != null && managedGroups.contains(group);
    }

    /** Returns the group the user acts for by default: the first group they belong to, or null for none. */
    public SupportGroupId homeGroup() {
        return groups.isEmpty() ? null : groups.get(0);
    }

    /** Returns the role recorded on events: the most senior of the working roles the user has. */
    public Role primaryRole() {
        for (Role role : List.of(Role.MANAGER, Role.SPECIALIST, Role.SERVICE_DESK, Role.REQUESTER, Role.ADMIN,
                Role.AUDITOR, Role.ANALYST)) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return null;
    }

    /** Returns the author recorded on the events of a command this caller sends. */
    public Actor actor() {
        return new Actor(user, primaryRole(), homeGroup());
    }
}
