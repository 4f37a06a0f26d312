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
    REPORT("report"),
    CLASSIFY("classify", NEW, ASSIGNED, IN_PROGRESS, PENDING),
    ASSIGN("assign", NEW),
    ACCEPT("accept", ASSIGNED),
    REASSIGN("reassign", ASSIGNED, IN_PROGRESS, PENDING),
    RETURN_TO_SERVICE_DESK("return-to-service-desk", ASSIGNED),
    RELEASE("release", IN_PROGRESS, PENDING),
    ADD_WORK_NOTE("add-work-note", NEW, ASSIGNED, IN_PROGRESS, PENDING, RESOLVED),
    PEND("pend", IN_PROGRESS),
    RESUME("resume", PENDING),
    ESCALATE("escalate", ASSIGNED, IN_PROGRESS, PENDING),
    RESOLVE("resolve", ASSIGNED, IN_PROGRESS),
    REJECT_RESOLUTION("reject-resolution", RESOLVED),
    REOPEN("reopen", RESOLVED),
    CLOSE("close", RESOLVED),
    REVOKE_CLOSURE("revoke-closure"),
    CANCEL("cancel", NEW, ASSIGNED, IN_PROGRESS, PENDING),
    TRANSFER_OWNERSHIP("transfer-ownership", NEW, ASSIGNED, IN_PROGRESS, PENDING);

    private final String label;
    private final Set<IncidentState> allowedStates;

    IncidentCommand(String label, IncidentState... allowedStates) {
        this.label = label;
        this.allowedStates = allowedStates.length == 0
                ? EnumSet.noneOf(IncidentState.class)
                : EnumSet.copyOf(Arrays.asList(allowedStates));
    }

    /** Returns the name used in error messages and in the REST paths, such as {@code return-to-service-desk}. */
    public String label() {
        return label;
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
