package dev.incidents.command.incident;

import dev.incidents.api.incident.IncidentState;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.incidents.api.incident.IncidentState.ASSIGNED;
import static dev.incidents.api.incident.IncidentState.IN_PROGRESS;
import static dev.incidents.api.incident.IncidentState.NEW;
import static dev.incidents.api.incident.IncidentState.PENDING;
import static dev.incidents.api.incident.IncidentState.RESOLVED;

/**
 * The lifecycle table: each command of an incident and the states it is allowed in under the strict (live)
 * policy. Reassigning a RESOLVED incident and reopening or revoking the closure of a CLOSED one depend on the
 * {@link dev.incidents.api.incident.LifecyclePolicy} and are checked where those commands are handled.
 */
public enum IncidentCommand {
    REPORT("report", "report"),
    CLASSIFY("classify", "classify", NEW, ASSIGNED, IN_PROGRESS, PENDING),
    ASSIGN("assign", "assign", NEW),
    ACCEPT("accept", "accept the assignment of", ASSIGNED),
    REASSIGN("reassign", "reassign", ASSIGNED, IN_PROGRESS, PENDING),
    RETURN_TO_SERVICE_DESK("return-to-service-desk", "return", ASSIGNED),
    RELEASE("release", "release the assignment of", IN_PROGRESS, PENDING),
    ADD_WORK_NOTE("work-notes", "add a work note to", NEW, ASSIGNED, IN_PROGRESS, PENDING, RESOLVED),
    PEND("pend", "pend", IN_PROGRESS),
    RESUME("resume", "resume", PENDING),
    ESCALATE("escalate", "escalate", ASSIGNED, IN_PROGRESS, PENDING),
    RESOLVE("resolve", "resolve", ASSIGNED, IN_PROGRESS),
    REJECT_RESOLUTION("reject-resolution", "reject the resolution of", RESOLVED),
    REOPEN("reopen", "reopen", RESOLVED),
    CLOSE("close", "close", RESOLVED),
    REVOKE_CLOSURE("revoke-closure", "revoke the closure of"),
    CANCEL("cancel", "cancel", NEW, ASSIGNED, IN_PROGRESS, PENDING),
    MARK_DUPLICATE("mark-duplicate", "mark as a duplicate", NEW, ASSIGNED, IN_PROGRESS, PENDING),
    TRANSFER_OWNERSHIP("transfer-ownership", "transfer the ownership of", NEW, ASSIGNED, IN_PROGRESS, PENDING);

    private final String label;
    private final String action;
    private final Set<IncidentState> allowedStates;

    IncidentCommand(String label, String action, IncidentState... allowedStates) {
        this.label = label;
        this.action = action;
        this.allowedStates = allowedStates.length == 0
                ? EnumSet.noneOf(IncidentState.class)
                : EnumSet.copyOf(Arrays.asList(allowedStates));
    }

    /** Returns the last segment of the command's REST path, such as {@code return-to-service-desk}. */
    public String label() {
        return label;
    }

    /** Returns the verb phrase for messages, as in "Cannot accept the assignment of incident 42". */
    public String action() {
        return action;
    }

    public boolean isAllowedIn(IncidentState state) {
        return allowedStates.contains(state);
    }

    /** Returns the labels of the commands allowed in {@code state} under the strict policy. */
    public static List<String> allowedIn(IncidentState state) {
        return Arrays.stream(values())
                .filter(command -> command.isAllowedIn(state))
                .map(IncidentCommand::label)
                .toList();
    }
}
