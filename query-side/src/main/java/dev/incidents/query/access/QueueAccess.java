package dev.incidents.query.access;

import java.util.Set;

import org.axonframework.queryhandling.QueryExecutionException;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.query.QueueKind;

/**
 * Decides which queues a caller may open. Opening a queue is only the first check: its pages hold only the incidents
 * that {@link Visibility} lets the caller read.
 *
 * <ul>
 *     <li>SERVICE_DESK, AUDITOR, ANALYST and ADMIN open every queue.</li>
 *     <li>The service desk queue: also whoever may open the support group queue of the service desk group.</li>
 *     <li>A support group queue: a MANAGER of the group (or of a group above it) or a member of it with the role
 *     MANAGER or SPECIALIST.</li>
 *     <li>An assignee queue: the assignee as SPECIALIST, and every MANAGER. The read model does not record who belongs
 *     to which group, so a manager may open anyone's queue, and its pages show only work in incidents of the manager's
 *     groups: the queue of someone outside them is empty.</li>
 *     <li>A requester queue: only the requester.</li>
 * </ul>
 */
public final class QueueAccess {

    private static final Set<Role> OPENS_EVERY_QUEUE = Set.of(Role.SERVICE_DESK, Role.AUDITOR, Role.ANALYST,
            Role.ADMIN);

    private final SupportGroupId serviceDeskGroup;

    public QueueAccess(SupportGroupId serviceDeskGroup) {
        this.serviceDeskGroup = serviceDeskGroup;
    }

    /**
     * Checks that the caller may open the queue.
     *
     * @throws QueryExecutionException with a {@link dev.incidents.api.error.QueryRejection} when the caller may not
     */
    public void check(Caller caller, QueueKind queue, String subject) {
        if (caller.roles().stream().anyMatch(OPENS_EVERY_QUEUE::contains)) {
            return;
        }
        String user = caller.user().value();

        switch (queue) {
            case SERVICE_DESK -> {
                if (!worksInGroup(caller, serviceDeskGroup)) {
                    throw Rejections.reject(caller, "service desk queue",
                            "user " + user + " may read the service desk queue only with the role SERVICE_DESK or "
                                    + "as a manager or member of " + serviceDeskGroup,
                            "user " + user + " is neither");
                }
            }
            case SUPPORT_GROUP -> {
                if (!worksInGroup(caller, new SupportGroupId(subject))) {
                    throw Rejections.reject(caller, "support group queue of " + subject,
                            "user " + user + " may read only the queues of the support groups they manage or "
                                    + "belong to as MANAGER or SPECIALIST",
                            subject + " is not one of them");
                }
            }
            case ASSIGNEE -> {
                boolean ownWork = caller.has(Role.SPECIALIST) && user.equals(subject);
                if (!ownWork && !caller.has(Role.MANAGER)) {
                    throw Rejections.reject(caller, "assignee queue of " + subject,
                            "user " + user + " may read only their own assignee queue, as SPECIALIST",
                            user.equals(subject) ? user + " does not hold the role SPECIALIST"
                                    : "the assignee queue of " + subject + " belongs to another user");
                }
            }
            case REQUESTER -> {
                if (!user.equals(subject)) {
                    throw Rejections.reject(caller, "requester queue of " + subject,
                            "user " + user + " may read only their own requester queue",
                            "the requester queue of " + subject + " belongs to another user");
                }
            }
        }
    }

    private static boolean worksInGroup(Caller caller, SupportGroupId group) {
        if (caller.has(Role.MANAGER) && (caller.manages(group) || caller.memberOf(group))) {
            return true;
        }
        return caller.has(Role.SPECIALIST) && caller.memberOf(group);
    }
}
