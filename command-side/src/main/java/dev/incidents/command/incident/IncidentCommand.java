package dev.incidents.command.incident;

import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.AddWorkNoteCommand;
import dev.incidents.api.incident.AssignIncidentCommand;
import dev.incidents.api.incident.CancelIncidentCommand;
import dev.incidents.api.incident.ClassifyIncidentCommand;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.EscalateIncidentCommand;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.MarkAsDuplicateCommand;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.PromiseResolutionCommand;
import dev.incidents.api.incident.ReassignIncidentCommand;
import dev.incidents.api.incident.RejectResolutionCommand;
import dev.incidents.api.incident.ReleaseAssignmentCommand;
import dev.incidents.api.incident.ReopenIncidentCommand;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.ResumeIncidentCommand;
import dev.incidents.api.incident.ReturnToServiceDeskCommand;
import dev.incidents.api.incident.RevokeClosureCommand;
import dev.incidents.api.incident.TransferOwnershipCommand;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    TRANSFER_OWNERSHIP("transfer-ownership", "transfer the ownership of", NEW, ASSIGNED, IN_PROGRESS, PENDING),
    PROMISE_RESOLUTION("resolution-promise", "promise a resolution of", NEW, ASSIGNED, IN_PROGRESS, PENDING);

    private static final Map<Class<?>, IncidentCommand> BY_PAYLOAD = Map.ofEntries(
            Map.entry(ReportIncidentCommand.class, REPORT),
            Map.entry(ClassifyIncidentCommand.class, CLASSIFY),
            Map.entry(AssignIncidentCommand.class, ASSIGN),
            Map.entry(AcceptAssignmentCommand.class, ACCEPT),
            Map.entry(ReassignIncidentCommand.class, REASSIGN),
            Map.entry(ReturnToServiceDeskCommand.class, RETURN_TO_SERVICE_DESK),
            Map.entry(ReleaseAssignmentCommand.class, RELEASE),
            Map.entry(AddWorkNoteCommand.class, ADD_WORK_NOTE),
            Map.entry(PendIncidentCommand.class, PEND),
            Map.entry(ResumeIncidentCommand.class, RESUME),
            Map.entry(EscalateIncidentCommand.class, ESCALATE),
            Map.entry(ResolveIncidentCommand.class, RESOLVE),
            Map.entry(RejectResolutionCommand.class, REJECT_RESOLUTION),
            Map.entry(ReopenIncidentCommand.class, REOPEN),
            Map.entry(CloseIncidentCommand.class, CLOSE),
            Map.entry(RevokeClosureCommand.class, REVOKE_CLOSURE),
            Map.entry(CancelIncidentCommand.class, CANCEL),
            Map.entry(MarkAsDuplicateCommand.class, MARK_DUPLICATE),
            Map.entry(TransferOwnershipCommand.class, TRANSFER_OWNERSHIP),
            Map.entry(PromiseResolutionCommand.class, PROMISE_RESOLUTION));

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

    /** Returns the lifecycle command a command payload of the API stands for, or null for another payload. */
    public static IncidentCommand of(Object payload) {
        return BY_PAYLOAD.get(payload.getClass());
    }

    /** Returns the simple class name of the command payload this lifecycle command is sent as. */
    public String payloadTypeName() {
        return BY_PAYLOAD.entrySet().stream()
                .filter(entry -> entry.getValue() == this)
                .map(entry -> entry.getKey().getSimpleName())
                .findFirst()
                .orElseThrow();
    }

    /** Returns the lifecycle command whose REST path ends in {@code label}, such as {@code resolve}. */
    public static Optional<IncidentCommand> labelled(String label) {
        return Arrays.stream(values())
                .filter(command -> command.label.equals(label))
                .findFirst();
    }

    /** Returns the labels of the commands allowed in {@code state} under the strict policy. */
    public static List<String> allowedIn(IncidentState state) {
        return Arrays.stream(values())
                .filter(command -> command.isAllowedIn(state))
                .map(IncidentCommand::label)
                .toList();
    }
}
