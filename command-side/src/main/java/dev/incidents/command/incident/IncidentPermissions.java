package dev.incidents.command.incident;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The "who may" column of the lifecycle table: whether a caller may send a command to an incident in its current state.
 * Rules that depend on the incident compare the caller with its requester, owner group, assigned group and
 * assignee, and the others only need a role. Auditors, analysts and administrators hold none of the working roles, so
 * every rule refuses them.
 */
public final class IncidentPermissions {

    /** Roles of people who work on incidents. Rules based on group membership also require one of them. */
    private static final Set<Role> STAFF = EnumSet.of(Role.SERVICE_DESK, Role.SPECIALIST, Role.MANAGER);

    /** The people and groups of an incident that the rules compare the caller with. */
    record Parties(UserId requester, SupportGroupId ownerGroup, SupportGroupId assignedGroup, UserId assignee) {
    }

    private IncidentPermissions() {
    }

    /**
     * Returns why {@code caller} may not send {@code command}, phrased to follow "may not ... incident X:", or null
     * when the caller may.
     */
    static String rejectionReason(IncidentCommand command, Object payload, Caller caller, Parties incident) {
        return switch (command) {
            case REPORT -> reportRejection((ReportIncidentCommand) payload, caller);
            case CLASSIFY, ADD_WORK_NOTE -> anyRole(caller, Role.SERVICE_DESK, Role.SPECIALIST) ? null
                    : "only the service desk and specialists may";
            case ASSIGN -> anyRole(caller, Role.SERVICE_DESK, Role.SPECIALIST, Role.MANAGER) ? null
                    : "only the service desk, specialists and managers may";
            case ACCEPT -> acceptRejection((AcceptAssignmentCommand) payload, caller, incident);
            case REASSIGN -> staff(caller) && (caller.memberOf(incident.assignedGroup())
                    || caller.memberOf(incident.ownerGroup()) || managesEither(caller, incident)) ? null
                    : "only a member of its assigned group" + groupNamed(incident.assignedGroup())
                    + ", a member of its owner group " + incident.ownerGroup() + " or a manager of either may";
            case RETURN_TO_SERVICE_DESK -> staff(caller) && caller.memberOf(incident.assignedGroup()) ? null
                    : "only a member of its assigned group" + groupNamed(incident.assignedGroup()) + " may";
            case RELEASE -> isAssignee(caller, incident) || staff(caller)
                    && (caller.memberOf(incident.assignedGroup()) || caller.manages(incident.assignedGroup())) ? null
                    : "only its assignee" + named(incident.assignee()) + ", a member or a manager of its assigned group"
                    + groupNamed(incident.assignedGroup()) + " may";
            case PEND -> isAssignee(caller, incident) ? null
                    : "only its assignee" + named(incident.assignee()) + " may";
            case RESUME -> isAssignee(caller, incident) || isRequester(caller, incident) ? null
                    : "only its assignee" + named(incident.assignee()) + " or its requester " + incident.requester()
                    + " may";
            case ESCALATE -> isAssignee(caller, incident) || staff(caller)
                    && (caller.memberOf(incident.ownerGroup()) || managesEither(caller, incident)) ? null
                    : "only its assignee" + named(incident.assignee()) + ", a member of its owner group "
                    + incident.ownerGroup() + " or a manager of its owner or assigned group may";
            case RESOLVE -> isAssignee(caller, incident) || caller.has(Role.SERVICE_DESK)
                    || staff(caller) && caller.memberOf(incident.assignedGroup()) ? null
                    : "only its assignee" + named(incident.assignee()) + ", a member of its assigned group"
                    + groupNamed(incident.assignedGroup()) + " or the service desk may";
            case REJECT_RESOLUTION, REOPEN -> isRequester(caller, incident) || caller.has(Role.SERVICE_DESK) ? null
                    : "only its requester " + incident.requester() + " or the service desk may";
            case CLOSE -> isRequester(caller, incident)
                    || staff(caller) && caller.memberOf(incident.ownerGroup()) ? null
                    : "only a member of its owner group " + incident.ownerGroup() + " or its requester "
                    + incident.requester() + " may";
            case REVOKE_CLOSURE -> "closures are revoked only by imports of historical logs, so nobody";
            case CANCEL, MARK_DUPLICATE -> caller.has(Role.SERVICE_DESK) || staff(caller) && caller.memberOf(incident.ownerGroup())
                    ? null
                    : "only the service desk or a member of its owner group " + incident.ownerGroup() + " may";
            case TRANSFER_OWNERSHIP -> staff(caller) && (caller.memberOf(incident.ownerGroup())
                    || caller.manages(incident.ownerGroup())) ? null
                    : "only a member or a manager of its owner group " + incident.ownerGroup() + " may";
            case PROMISE_RESOLUTION -> caller.has(Role.SERVICE_DESK)
                    || caller.has(Role.SPECIALIST) && caller.memberOf(incident.assignedGroup())
                    || caller.has(Role.MANAGER) && caller.manages(incident.assignedGroup()) ? null
                    : "only the service desk, a specialist of its assigned group" + groupNamed(incident.assignedGroup())
                    + " or a manager of that group may";
        };
    }

    /**
     * Returns whether the caller may read the incident, by the rules the query side applies. The service desk,
     * auditors, analysts and administrators read every incident. Managers read those of the groups they belong to
     * or manage, specialists those of their groups or assigned to them, and everyone the incidents they reported.
     */
    static boolean mayRead(Caller caller, Parties incident) {
        if (caller.has(Role.SERVICE_DESK) || caller.has(Role.AUDITOR) || caller.has(Role.ANALYST)
                || caller.has(Role.ADMIN)) {
            return true;
        }
        boolean ofOwnGroups = caller.memberOf(incident.ownerGroup()) || caller.memberOf(incident.assignedGroup());
        if (caller.has(Role.MANAGER) && (ofOwnGroups || managesEither(caller, incident))) {
            return true;
        }
        if (caller.has(Role.SPECIALIST) && (ofOwnGroups || caller.user().equals(incident.assignee()))) {
            return true;
        }
        return caller.user().equals(incident.requester());
    }

    /**
     * Returns the rejection for a caller who may not read the incident. It names neither the incident's state nor its
     * parties, and is the same whether or not an incident with that id exists, so that ids cannot be probed.
     */
    public static CommandRejection unreadable(Caller caller, String incidentId, String commandLabel) {
        return new CommandRejection(ErrorCode.NOT_PERMITTED, incidentId, commandLabel, null, List.of(),
                "User " + describe(caller) + " may not change incident " + incidentId
                        + ": it is not an incident they may read.");
    }

    /** Returns true for a caller who reads only the incidents they reported, and so may not learn which ids exist. */
    public static boolean readsOnlyOwnIncidents(Caller caller) {
        return !(caller.has(Role.SERVICE_DESK) || caller.has(Role.SPECIALIST) || caller.has(Role.MANAGER)
                || caller.has(Role.AUDITOR) || caller.has(Role.ANALYST) || caller.has(Role.ADMIN));
    }

    /**
     * Returns the group that owns an incident this caller reports. A specialist outside the service desk keeps
     * ownership for their own group, and what requesters report or the service desk logs gets the default owner.
     */
    static SupportGroupId ownerFor(Caller caller, SupportGroupId defaultOwner) {
        boolean specialistElsewhere = caller.has(Role.SPECIALIST) && !caller.has(Role.SERVICE_DESK)
                && caller.homeGroup() != null && !caller.memberOf(defaultOwner);
        return specialistElsewhere ? caller.homeGroup() : defaultOwner;
    }

    /** Describes a caller for messages, as in "rita (REQUESTER)". */
    static String describe(Caller caller) {
        String roles = caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", "));
        return caller.user() + " (" + (roles.isEmpty() ? "no role" : roles) + ")";
    }

    private static String reportRejection(ReportIncidentCommand command, Caller caller) {
        if (!anyRole(caller, Role.REQUESTER, Role.SERVICE_DESK, Role.SPECIALIST)) {
            return "only requesters, the service desk and specialists may";
        }
        boolean onlyRequester = !anyRole(caller, Role.SERVICE_DESK, Role.SPECIALIST);
        if (onlyRequester && !caller.user().equals(command.requester())) {
            return "a requester reports incidents only in their own name, not for " + command.requester() + ", so "
                    + caller.user() + " may not";
        }
        if (onlyRequester && (command.assignedGroup() != null || command.assignee() != null)) {
            return "the service desk routes what requesters report, so a requester may not name an assigned group"
                    + " or assignee, and " + caller.user() + " may not";
        }
        return null;
    }

    private static String acceptRejection(AcceptAssignmentCommand command, Caller caller, Parties incident) {
        if (!(isAssignee(caller, incident) || staff(caller) && caller.memberOf(incident.assignedGroup()))) {
            return "only its assignee" + named(incident.assignee()) + " or a member of its assigned group"
                    + groupNamed(incident.assignedGroup()) + " may";
        }
        if (command.assignee() != null && !command.assignee().equals(caller.user())) {
            return "an assignment is accepted by the person who takes it, not on behalf of " + command.assignee()
                    + " (reassign it to them instead), so " + caller.user() + " may not";
        }
        return null;
    }

    /** Names a person for messages, or "(nobody yet)" when there is none. */
    private static String named(UserId user) {
        return user == null ? " (nobody yet)" : " " + user;
    }

    /** Names a group for messages, or "(none yet)" when there is none. */
    private static String groupNamed(SupportGroupId group) {
        return group == null ? " (none yet)" : " " + group;
    }

    private static boolean staff(Caller caller) {
        return caller.roles().stream().anyMatch(STAFF::contains);
    }

    private static boolean anyRole(Caller caller, Role... roles) {
        for (Role role : roles) {
            if (caller.has(role)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAssignee(Caller caller, Parties incident) {
        return incident.assignee() != null && incident.assignee().equals(caller.user()) && staff(caller);
    }

    private static boolean isRequester(Caller caller, Parties incident) {
        return Objects.equals(incident.requester(), caller.user());
    }

    private static boolean managesEither(Caller caller, Parties incident) {
        return caller.manages(incident.assignedGroup()) || caller.manages(incident.ownerGroup());
    }
}
