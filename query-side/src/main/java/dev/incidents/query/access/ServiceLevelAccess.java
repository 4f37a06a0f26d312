package dev.incidents.query.access;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.QueryExecutionException;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;

/**
 * Decides who reads the live service level queues and the analytics, and which support groups they cover.
 *
 * <ul>
 *     <li>Live queues ({@code at-risk}, {@code breached}): SERVICE_DESK and ADMIN for every group; a MANAGER for the
 *     groups they manage, each with the groups below it.</li>
 *     <li>Analytics: ANALYST and ADMIN over every incident; a MANAGER over the incidents filed under the groups they
 *     manage.</li>
 * </ul>
 *
 * Both cover groups the user manages, not groups the user belongs to: they show how a group performs, which is a
 * manager's view of the group rather than a member's.
 */
public final class ServiceLevelAccess {

    private static final Set<Role> QUEUES_OF_EVERY_GROUP = Set.of(Role.SERVICE_DESK, Role.ADMIN);
    private static final Set<Role> ANALYTICS_OF_EVERY_GROUP = Set.of(Role.ANALYST, Role.ADMIN);

    private ServiceLevelAccess() {
    }

    /**
     * Returns the groups whose live queue entries the caller reads: {@code group} alone when given, else every group
     * the caller may open; null means every group.
     *
     * @throws QueryExecutionException with a {@link dev.incidents.api.error.QueryRejection} when the caller may not
     */
    public static Set<String> queueGroups(Caller caller, String group, String queue) {
        if (caller.roles().stream().anyMatch(QUEUES_OF_EVERY_GROUP::contains)) {
            return group == null ? null : Set.of(group);
        }
        return managedGroups(caller, group, queue + " service level queue",
                "user " + caller.user() + " may read the " + queue + " service level queues only with the role "
                        + "SERVICE_DESK or ADMIN, or as MANAGER of the group");
    }

    /**
     * Returns the groups whose incidents the caller may count: {@code group} alone when given, else every group the
     * caller manages; null means every incident.
     *
     * @throws QueryExecutionException with a {@link dev.incidents.api.error.QueryRejection} when the caller may not
     */
    public static Set<String> analyticsGroups(Caller caller, String group) {
        if (caller.roles().stream().anyMatch(ANALYTICS_OF_EVERY_GROUP::contains)) {
            return group == null ? null : Set.of(group);
        }
        return managedGroups(caller, group, "analytics",
                "user " + caller.user() + " may read analytics only with the role ANALYST or ADMIN, or as MANAGER "
                        + "of the groups counted");
    }

    private static Set<String> managedGroups(Caller caller, String group, String resource, String rule) {
        if (!caller.has(Role.MANAGER)) {
            String roles = caller.roles().isEmpty() ? "no role"
                    : "the roles " + caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", "));
            throw Rejections.reject(caller, resource, rule, caller.user() + " has " + roles);
        }
        if (group != null) {
            if (!caller.manages(new SupportGroupId(group))) {
                throw Rejections.reject(caller, resource + " of " + group, rule,
                        caller.user() + " does not manage " + group);
            }
            return Set.of(group);
        }
        Set<String> managed = new TreeSet<>();
        caller.managedGroups().forEach(managedGroup -> managed.add(managedGroup.value()));
        return managed;
    }
}
