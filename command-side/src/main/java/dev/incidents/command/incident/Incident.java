package dev.incidents.command.incident;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.AddWorkNoteCommand;
import dev.incidents.api.incident.AssignIncidentCommand;
import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.CancelIncidentCommand;
import dev.incidents.api.incident.CancelReason;
import dev.incidents.api.incident.ClassifyIncidentCommand;
import dev.incidents.api.incident.CommandMetaData;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.EscalateIncidentCommand;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentClosureRevoked;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentPended;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentResumed;
import dev.incidents.api.incident.IncidentReturnedToServiceDesk;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.api.incident.MarkAsDuplicateCommand;
import dev.incidents.api.incident.OwnershipTransferred;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.PromiseResolutionCommand;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ReassignIncidentCommand;
import dev.incidents.api.incident.RejectResolutionCommand;
import dev.incidents.api.incident.ReleaseAssignmentCommand;
import dev.incidents.api.incident.ReopenIncidentCommand;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.ResumeIncidentCommand;
import dev.incidents.api.incident.ReturnToServiceDeskCommand;
import dev.incidents.api.incident.RevokeClosureCommand;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.TransferOwnershipCommand;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.sla.ServiceLevelAlarm;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.api.snapshot.SerializedByFields;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An incident, event sourced. Each command handler checks the lifecycle rule for its command, then applies
 * events; the event sourcing handlers only assign fields. Every handler returns the {@link IncidentStatus} after
 * the command so callers can follow the lifecycle without reading the query side.
 */
@Aggregate(cache = "incidentCache", snapshotTriggerDefinition = "incidentSnapshotTrigger")
@SerializedByFields
// The revision of the snapshot form. Axon loads only snapshots of this revision and replays the events otherwise.
// Raise it whenever a field is added, because a snapshot written before lacks the field.
@Revision(Incident.SNAPSHOT_REVISION)
public class Incident {

    /** Revision of the fields a snapshot of an incident holds. */
    public static final String SNAPSHOT_REVISION = "2";

    private static final Logger log = LoggerFactory.getLogger(Incident.class);
    private static final int PROMISE_HORIZON_YEARS = 10;
    /** Maximum time from a promise to its promisedFor: ten years of 365.25 days, beyond any real resolution. */
    private static final Duration PROMISE_HORIZON = Duration.ofDays(3653);

    @AggregateIdentifier
    private IncidentId incidentId;
    private IncidentState state;
    private UserId requester;
    private SupportGroupId ownerGroup;
    private SupportGroupId assignedGroup;
    private UserId assignee;
    private String category;
    private Impact impact;
    private Urgency urgency;
    private Priority priority;
    private int reassignmentCount;
    private int reopenCount;
    private Instant lastOccurredAt;
    private long importPosition = -1;
    private long version = -1;
    private final Set<String> noteIds = new HashSet<>();
    private Instant resolvedAt;
    private long resolutionVersion = -1;
    private long assignmentVersion = -1;
    private boolean liveResolution;
    private boolean liveAssignment;
    /** Clocks and raised alarms under the terms recorded at the report; null when no policy was in effect. */
    private IncidentServiceLevel serviceLevel;
    /** Latest promised resolution time, so that repeating the promise records nothing. */
    private Instant promisedFor;

    protected Incident() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    /**
     * Skips a command that repeats an imported source record this incident has already applied, which makes a
     * re-run of the same import change nothing.
     */
    @CommandHandlerInterceptor
    Object skipImportedRecords(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object position = command.getMetaData().get(ImportMetaData.POSITION);
        if (state != null && position instanceof Number number && number.longValue() <= importPosition) {
            return status(false);
        }
        return chain.proceed();
    }

    /**
     * Checks who sends a command before any rule of the lifecycle, and then the version the client read. A caller
     * who may not read this incident learns nothing about it: the rejection names neither its state nor its
     * parties, and reads the same as for an id that does not exist. Commands without a caller come from inside the
     * server (imports of historical logs, deadlines) and are not checked for permission.
     */
    @CommandHandlerInterceptor
    Object requirePermissionAndVersion(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Caller caller = CallerMetaData.from(command.getMetaData());
        IncidentCommand lifecycleCommand = IncidentCommand.of(command.getPayload());
        if (caller != null && lifecycleCommand != null) {
            requirePermission(caller, lifecycleCommand, command.getPayload());
        }

        requireExpectedVersion(command);
        return chain.proceed();
    }

    /**
     * Keeps one service level deadline per pending alarm after each live command. A command that changes the pending
     * alarms cancels the deadlines and schedules them again. Other commands, such as work notes, leave them and save
     * the writes to the deadline tables. Imported commands schedule nothing, as with the other timers.
     */
    @CommandHandlerInterceptor
    Object scheduleServiceLevelDeadlines(CommandMessage<?> command, InterceptorChain chain,
                                         DeadlineManager deadlineManager) throws Exception {
        boolean live = !isImported(command.getMetaData());
        List<ServiceLevelAlarm> before = live && serviceLevel != null ? serviceLevel.pendingAlarms() : List.of();
        Object result = chain.proceed();
        if (!live || serviceLevel == null) {
            return result;
        }

        List<ServiceLevelAlarm> after = serviceLevel.pendingAlarms();
        if (!after.equals(before)) {
            if (!before.isEmpty()) {
                deadlineManager.cancelAllWithinScope(IncidentServiceLevel.DEADLINE);
            }
            for (ServiceLevelAlarm alarm : after) {
                deadlineManager.schedule(alarm.at(), IncidentServiceLevel.DEADLINE, alarm);
            }
        }
        return result;
    }

    private void requirePermission(Caller caller, IncidentCommand command, Object payload) {
        IncidentPermissions.Parties parties = new IncidentPermissions.Parties(requester, ownerGroup, assignedGroup,
                assignee);
        if (state != null && !IncidentPermissions.mayRead(caller, parties)) {
            throw new IncidentRuleViolation(IncidentPermissions.unreadable(caller, incidentId.value(),
                    command.label()));
        }

        String reason = IncidentPermissions.rejectionReason(command, payload, caller, parties);
        if (reason != null) {
            String subject = incidentId != null ? "incident " + incidentId : "an incident";
            throw violation(ErrorCode.NOT_PERMITTED, command,
                    "User " + IncidentPermissions.describe(caller) + " may not " + command.action() + " "
                            + subject + ": " + reason + ".");
        }
    }

    /**
     * Rejects a command sent for a version of the incident that is no longer current, so a client acting on a
     * stale read changes nothing. Work notes never conflict: they add to the log without deciding on state.
     */
    private void requireExpectedVersion(CommandMessage<?> command) {
        Object expected = command.getMetaData().get(CommandMetaData.EXPECTED_VERSION);
        boolean checked = state != null && expected instanceof Number
                && !(command.getPayload() instanceof AddWorkNoteCommand);
        if (checked && ((Number) expected).longValue() != version) {
            // Problem details name a command by its REST path segment, as every other rejection does.
            IncidentCommand lifecycleCommand = IncidentCommand.of(command.getPayload());
            String commandName = lifecycleCommand != null ? lifecycleCommand.label()
                    : command.getPayloadType().getSimpleName();
            throw new IncidentRuleViolation(new CommandRejection(ErrorCode.VERSION_CONFLICT, incidentId.value(),
                    commandName, state.name(), IncidentCommand.allowedIn(state),
                    "Incident " + incidentId + " is at version " + version + ", not " + expected
                            + ": it changed since it was read. Read it again and retry with the new version."));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    IncidentStatus handle(ReportIncidentCommand command, PriorityMatrix priorityMatrix,
                          DeadlineManager deadlineManager, LifecycleProperties lifecycle, MetaData metaData,
                          SupportGroupDirectory groups, ServiceLevelTermsSource serviceLevels) {
        Instant time = resolveTime(command.occurredAt());
        if (state != null) {
            throw violation(ErrorCode.INCIDENT_ALREADY_EXISTS, IncidentCommand.REPORT,
                    "Cannot report incident " + command.incidentId() + ": an incident with that id already exists"
                            + " in state " + state + ". Report it under a new id.");
        }
        Objects.requireNonNull(command.ownerGroup(), "owner group is missing");
        Priority derived = priorityMatrix.of(command.impact(), command.urgency());
        Caller caller = CallerMetaData.from(metaData);
        SupportGroupId owner = caller == null ? command.ownerGroup()
                : IncidentPermissions.ownerFor(caller, command.ownerGroup());
        requireMember(IncidentCommand.REPORT, command.assignedGroup(), command.assignee(), groups, metaData);

        apply(new IncidentReported(command.incidentId(), command.summary(), command.description(),
                command.requester(), command.category(), command.impact(), command.urgency(), derived,
                owner, countableTerms(command.incidentId(), serviceLevels.termsAt(time), time), command.actor(), time));
        if (command.assignedGroup() != null) {
            apply(new IncidentAssigned(command.incidentId(), command.assignedGroup(), command.assignee(),
                    command.actor(), time));
            scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        }
        return status(true);
    }

    /**
     * Returns the terms when their calendars can count every target from the report on, and null otherwise, so an
     * incident reported under a broken policy version runs no clocks instead of failing the report. Publication
     * rejects such versions, but a version published before that check, or holidays saved later, can still
     * make a target unreachable.
     */
    private static ServiceLevelTerms countableTerms(IncidentId incidentId, ServiceLevelTerms terms, Instant time) {
        if (terms == null) {
            return null;
        }
        Optional<String> problem = terms.unreachableTarget(time);
        if (problem.isEmpty()) {
            return terms;
        }
        log.warn("Incident {} is reported without service level terms, so it runs no clocks: policy {} version {}"
                        + " has a {}", incidentId, terms.policy().id(), terms.policy().version(), problem.get());
        return null;
    }

    @CommandHandler
    IncidentStatus handle(ClassifyIncidentCommand command, PriorityMatrix priorityMatrix) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.CLASSIFY, time);
        Priority derived = priorityMatrix.of(command.impact(), command.urgency());
        if (Objects.equals(command.category(), category) && command.impact() == impact
                && command.urgency() == urgency) {
            return status(false);
        }

        apply(new IncidentClassified(incidentId, command.category(), command.impact(), command.urgency(), derived,
                category, impact, urgency, priority, command.actor(), time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(AssignIncidentCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData, SupportGroupDirectory groups) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.ASSIGN, time);
        requireMember(IncidentCommand.ASSIGN, command.group(), command.assignee(), groups, metaData);

        apply(new IncidentAssigned(incidentId, command.group(), command.assignee(), command.actor(),
                time));
        scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(AcceptAssignmentCommand command, DeadlineManager deadlineManager) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.ACCEPT, time);
        cancelAcceptanceDeadline(deadlineManager);

        apply(new AssignmentAccepted(incidentId, assignedGroup, command.assignee(), command.actor(),
                time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(ReassignIncidentCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData, SupportGroupDirectory groups) {
        Instant time = resolveTime(command.occurredAt());
        LifecyclePolicy policy = policyOrStrict(command.policy());
        boolean handOver = state == IncidentState.RESOLVED && policy.handOverWhenResolved();
        if (!handOver) {
            requireAllowed(IncidentCommand.REASSIGN, time);
        }
        requireNotBeforeLastEvent(IncidentCommand.REASSIGN, time);
        SupportGroupId target = command.group() != null ? command.group() : assignedGroup;
        if (target.equals(assignedGroup) && Objects.equals(command.assignee(), assignee)) {
            // A conflict with the incident's state, as when a concurrent reassignment to the same target came first.
            throw violation(ErrorCode.COMMAND_NOT_ALLOWED, IncidentCommand.REASSIGN,
                    "Cannot reassign incident " + incidentId + ": it is already assigned to group " + target
                            + (assignee == null ? "" : " and " + assignee) + ". Name another group or person.");
        }
        requireMember(IncidentCommand.REASSIGN, target, command.assignee(), groups, metaData);

        cancelAcceptanceDeadline(deadlineManager);
        apply(new IncidentReassigned(incidentId, assignedGroup, assignee, target, command.assignee(),
                command.reason(), state, reassignmentCount + 1, command.actor(), time));
        scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(ReturnToServiceDeskCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.RETURN_TO_SERVICE_DESK, time);
        if (ownerGroup.equals(assignedGroup)) {
            throw violation(ErrorCode.COMMAND_NOT_ALLOWED, IncidentCommand.RETURN_TO_SERVICE_DESK,
                    "Cannot return incident " + incidentId + " to the service desk: it is already assigned to its"
                            + " owner group " + ownerGroup + ". Reassign it to another group instead.");
        }

        cancelAcceptanceDeadline(deadlineManager);
        apply(new IncidentReturnedToServiceDesk(incidentId, assignedGroup, assignee, ownerGroup, command.reason(),
                reassignmentCount + 1, command.actor(), time));
        scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(ReleaseAssignmentCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.RELEASE, time);

        apply(new AssignmentReleased(incidentId, assignedGroup, assignee, command.reason(), state, command.actor(),
                time));
        scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(AddWorkNoteCommand command) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.ADD_WORK_NOTE, time);
        if (noteIds.contains(command.noteId())) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.ADD_WORK_NOTE,
                    "Cannot add work note " + command.noteId() + " to incident " + incidentId
                            + ": a note with that id exists. Notes are never edited; add a new note.");
        }
        if (command.correctsNoteId() != null && !noteIds.contains(command.correctsNoteId())) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.ADD_WORK_NOTE,
                    "Cannot add a correction to incident " + incidentId + ": it has no work note "
                            + command.correctsNoteId() + ". Name an existing note in correctsNoteId.");
        }

        apply(new WorkNoteAdded(incidentId, command.noteId(), command.text(), command.visibility(),
                command.correctsNoteId(), command.actor(), time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(PendIncidentCommand command) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.PEND, time);
        if (command.until() != null && !command.until().isAfter(time)) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.PEND,
                    "Cannot pend incident " + incidentId + " until " + command.until()
                            + ": that is not after the time of the change, " + time + ".");
        }

        apply(new IncidentPended(incidentId, command.reason(), command.detail(), command.until(), command.actor(),
                time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(ResumeIncidentCommand command) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.RESUME, time);

        apply(new IncidentResumed(incidentId, command.actor(), time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(EscalateIncidentCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData, SupportGroupDirectory groups) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.ESCALATE, time);
        boolean functional = command.kind() == EscalationKind.FUNCTIONAL;
        if (!functional && command.toGroup() != null) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.ESCALATE,
                    "Cannot escalate incident " + incidentId + " hierarchically with toGroup '" + command.toGroup()
                            + "': a HIERARCHICAL escalation goes to the manager of the assigned group "
                            + assignedGroup + " and moves the incident to no group. Leave toGroup out, or use kind"
                            + " FUNCTIONAL to move the incident to " + command.toGroup() + ".");
        }
        if (functional && (command.toGroup() == null || command.toGroup().equals(assignedGroup))) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.ESCALATE,
                    "Cannot escalate incident " + incidentId + " functionally to " + command.toGroup()
                            + ": name a higher-tier group other than the assigned group " + assignedGroup + ".");
        }
        // Imports replay groups that the organisation does not list, so only live commands are held to the tiers.
        if (functional && CallerMetaData.from(metaData) != null) {
            requireHigherTier(command.toGroup(), groups);
        }

        if (functional) {
            cancelAcceptanceDeadline(deadlineManager);
        }
        UserId manager = functional ? null : groups.managerOf(assignedGroup).orElse(null);
        apply(new IncidentEscalated(incidentId, command.kind(), assignedGroup, functional ? command.toGroup() : null,
                manager, command.reason(), command.actor(), time));
        if (functional) {
            scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        }
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(ResolveIncidentCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.RESOLVE, time);
        SupportGroupId resolvingGroup = command.actor().group() != null ? command.actor().group() : assignedGroup;

        cancelAcceptanceDeadline(deadlineManager);
        apply(new IncidentResolved(incidentId, command.resolutionCode(), command.note(), command.knowledgeArticle(),
                resolvingGroup, command.actor().user(), command.actor(), time));
        scheduleAutoClose(deadlineManager, lifecycle, metaData, time);
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(RejectResolutionCommand command, DeadlineManager deadlineManager) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.REJECT_RESOLUTION, time);
        cancelAutoClose(deadlineManager);

        apply(new ResolutionRejected(incidentId, command.reason(), assignedGroup, command.actor(),
                time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(ReopenIncidentCommand command, DeadlineManager deadlineManager,
                          LifecycleProperties lifecycle, MetaData metaData) {
        Instant time = resolveTime(command.occurredAt());
        LifecyclePolicy policy = policyOrStrict(command.policy());
        if (!(state == IncidentState.CLOSED && policy.reopenAfterClosure())) {
            requireAllowed(IncidentCommand.REOPEN, time);
        }
        requireNotBeforeLastEvent(IncidentCommand.REOPEN, time);
        requireWithinReopenWindow(policy.reopenWindow(), time);

        cancelAutoClose(deadlineManager);
        apply(new IncidentReopened(incidentId, command.reason(), assignedGroup, state, reopenCount + 1,
                command.actor(), time));
        scheduleAcceptanceDeadline(deadlineManager, lifecycle, metaData, time);
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(CloseIncidentCommand command, DeadlineManager deadlineManager) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.CLOSE, time);
        Integer satisfaction = command.satisfaction();
        if (satisfaction != null && (satisfaction < 1 || satisfaction > 5)) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.CLOSE,
                    "Cannot close incident " + incidentId + " with satisfaction " + satisfaction
                            + ": use a rating from 1 to 5, or none.");
        }

        cancelAutoClose(deadlineManager);
        apply(new IncidentClosed(incidentId, satisfaction, command.comment(), command.actor(), time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(RevokeClosureCommand command) {
        Instant time = resolveTime(command.occurredAt());
        LifecyclePolicy policy = policyOrStrict(command.policy());
        if (state != IncidentState.CLOSED || !policy.reopenAfterClosure()) {
            throw notAllowed(IncidentCommand.REVOKE_CLOSURE, state != IncidentState.CLOSED
                    ? "only a CLOSED incident has a closure to revoke"
                    : "the lifecycle policy does not allow changes after closure");
        }
        requireNotBeforeLastEvent(IncidentCommand.REVOKE_CLOSURE, time);

        apply(new IncidentClosureRevoked(incidentId, command.reason(), command.actor(), time));
        return status(true);
    }

    @CommandHandler
    IncidentStatus handle(CancelIncidentCommand command, DeadlineManager deadlineManager) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.CANCEL, time);
        cancelAcceptanceDeadline(deadlineManager);

        apply(new IncidentCancelled(incidentId, command.reason(), command.detail(), state, command.actor(),
                time));
        return status(true);
    }

    /**
     * Cancels this incident as a duplicate of an open original. The registry serialises markings until their events
     * are stored, so concurrent markings see each other and no chain or cycle of duplicates can arise.
     */
    @CommandHandler
    IncidentStatus handle(MarkAsDuplicateCommand command, DuplicateRegistry registry,
                          DeadlineManager deadlineManager, MetaData metaData) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.MARK_DUPLICATE, time);
        IncidentId originalId = command.originalId();
        if (originalId.equals(incidentId)) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.MARK_DUPLICATE,
                    "Cannot mark incident " + incidentId + " as a duplicate of itself. Name another incident as"
                            + " the original.");
        }
        DuplicateRegistry.DuplicateCheck check = registry.lockAndCheck(incidentId, originalId);
        requireReadableOriginal(originalId, check, CallerMetaData.from(metaData));
        requireValidOriginal(originalId, check);

        registry.link(incidentId, originalId);
        cancelAcceptanceDeadline(deadlineManager);
        String detail = "duplicate of " + originalId + (command.reason() == null ? "" : ": " + command.reason());
        apply(new IncidentCancelled(incidentId, CancelReason.DUPLICATE, detail, state, command.actor(), time,
                originalId));
        return status(true);
    }

    /**
     * Closes the incident when its resolution has stood for the auto-close time. A deadline left from an earlier
     * resolution, or one that a later change made stale, changes nothing.
     */
    @DeadlineHandler(deadlineName = AutoCloseDue.DEADLINE)
    void on(AutoCloseDue due) {
        if (state != IncidentState.RESOLVED || due.resolutionVersion() != resolutionVersion) {
            return;
        }

        apply(new IncidentClosed(incidentId, null, "closed automatically: the resolution was not disputed",
                Actor.rule("auto-close/v1"), notBeforeLastEvent(due.dueAt())));
    }

    /**
     * Escalates to the group's manager an assignment that nobody accepted within the time limit. The deadline
     * of an assignment that was accepted, replaced or ended changes nothing.
     */
    @DeadlineHandler(deadlineName = AcceptanceDue.DEADLINE)
    void on(AcceptanceDue due, SupportGroupDirectory groups) {
        if (state != IncidentState.ASSIGNED || due.assignmentVersion() != assignmentVersion) {
            return;
        }

        apply(new IncidentEscalated(incidentId, EscalationKind.HIERARCHICAL, assignedGroup, null,
                groups.managerOf(assignedGroup).orElse(null), "not accepted within " + due.limit() + " of the assignment to " + assignedGroup,
                Actor.rule("escalate-unaccepted/v1"), notBeforeLastEvent(due.dueAt())));
    }

    @CommandHandler
    IncidentStatus handle(TransferOwnershipCommand command) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.TRANSFER_OWNERSHIP, time);
        if (command.toGroup().equals(ownerGroup)) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.TRANSFER_OWNERSHIP,
                    "Cannot transfer ownership of incident " + incidentId + " to " + ownerGroup
                            + ": that group already owns it.");
        }

        apply(new OwnershipTransferred(incidentId, ownerGroup, command.toGroup(), command.reason(), command.actor(),
                time));
        return status(true);
    }

    /**
     * Records a resolution time promised to the requester. It is a fixed instant after the change, and a later
     * promise replaces it.
     */
    @CommandHandler
    IncidentStatus handle(PromiseResolutionCommand command) {
        Instant time = resolveTime(command.occurredAt());
        requireAllowed(IncidentCommand.PROMISE_RESOLUTION, time);
        if (command.promisedFor() == null || !command.promisedFor().isAfter(time)) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.PROMISE_RESOLUTION,
                    "Cannot promise a resolution of incident " + incidentId + " by " + command.promisedFor()
                            + ": promisedFor must be after the time of the promise, " + time
                            + ". Give a later instant.");
        }
        if (command.promisedFor().isAfter(time.plus(PROMISE_HORIZON))) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.PROMISE_RESOLUTION,
                    "Cannot promise a resolution of incident " + incidentId + " by " + command.promisedFor()
                            + ": promisedFor is more than " + PROMISE_HORIZON.toDays() + " days (about "
                            + PROMISE_HORIZON_YEARS + " years) after the time of the promise, " + time
                            + ". Give an earlier instant.");
        }
        Instant promisedFor = command.promisedFor().truncatedTo(ChronoUnit.MILLIS);
        if (promisedFor.equals(this.promisedFor)) {
            return status(false);
        }

        apply(new ResolutionPromised(incidentId, promisedFor, command.actor(), time));
        return status(true);
    }


    /**
     * Raises a warning or breach when a service level clock reaches its threshold. The clocks are read again at the
     * alarm's instant, so an alarm that a later event made stale, or that was raised already, changes nothing. The
     * policy is the author, and the event's time is the instant the threshold was reached.
     */
    @DeadlineHandler(deadlineName = IncidentServiceLevel.DEADLINE)
    void on(ServiceLevelAlarm alarm) {
        if (serviceLevel == null || !serviceLevel.isDue(alarm)) {
            return;
        }

        String policyId = serviceLevel.policy().id();
        int policyVersion = serviceLevel.policy().version();
        if (alarm.breach()) {
            apply(new ServiceLevelBreached(incidentId, alarm.clock(), alarm.group(), alarm.priority(), alarm.target(),
                    policyId, policyVersion, serviceLevel.actor(), alarm.at()));
        } else {
            apply(new ServiceLevelWarningRaised(incidentId, alarm.clock(), alarm.group(), alarm.priority(),
                    alarm.target(), policyId, policyVersion, serviceLevel.actor(), alarm.at()));
        }
    }

    // Event sourcing handlers: state changes only, no decisions.

    @EventSourcingHandler
    void on(IncidentReported event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        incidentId = event.incidentId();
        state = IncidentState.NEW;
        requester = event.requester();
        ownerGroup = event.ownerGroup();
        category = event.category();
        impact = event.impact();
        urgency = event.urgency();
        priority = event.priority();
        serviceLevel = event.serviceLevel() == null ? null
                : new IncidentServiceLevel(event.incidentId().value(), event.serviceLevel());
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentClassified event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        category = event.category();
        impact = event.impact();
        urgency = event.urgency();
        priority = event.priority();
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentAssigned event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.ASSIGNED;
        assignedGroup = event.group();
        assignee = event.assignee();
        recordAssignment(metaData, sequenceNumber);
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(AssignmentAccepted event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.IN_PROGRESS;
        assignee = event.assignee();
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentReassigned event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        if (event.previousState() != IncidentState.RESOLVED) {
            state = IncidentState.ASSIGNED;
            recordAssignment(metaData, sequenceNumber);
        }
        assignedGroup = event.toGroup();
        assignee = event.toAssignee();
        reassignmentCount = event.reassignmentCount();
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentReturnedToServiceDesk event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.ASSIGNED;
        assignedGroup = event.toGroup();
        assignee = null;
        reassignmentCount = event.reassignmentCount();
        recordAssignment(metaData, sequenceNumber);
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(AssignmentReleased event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.ASSIGNED;
        assignee = null;
        recordAssignment(metaData, sequenceNumber);
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(WorkNoteAdded event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        noteIds.add(event.noteId());
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentPended event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.PENDING;
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentResumed event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.IN_PROGRESS;
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentEscalated event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        if (event.toGroup() != null) {
            state = IncidentState.ASSIGNED;
            assignedGroup = event.toGroup();
            assignee = null;
            recordAssignment(metaData, sequenceNumber);
        }
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentResolved event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.RESOLVED;
        resolvedAt = event.occurredAt();
        resolutionVersion = sequenceNumber;
        liveResolution = !isImported(metaData);
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(ResolutionRejected event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.IN_PROGRESS;
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentReopened event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.ASSIGNED;
        assignedGroup = event.group();
        assignee = null;
        reopenCount = event.reopenCount();
        recordAssignment(metaData, sequenceNumber);
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentClosed event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.CLOSED;
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentClosureRevoked event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.RESOLVED;
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(IncidentCancelled event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        state = IncidentState.CANCELLED;
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(OwnershipTransferred event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        ownerGroup = event.toGroup();
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(ResolutionPromised event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        promisedFor = event.promisedFor();
        recordChange(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(ServiceLevelWarningRaised event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        recordServiceLevelAlarm(event, metaData, sequenceNumber);
    }

    @EventSourcingHandler
    void on(ServiceLevelBreached event, MetaData metaData, @SequenceNumber long sequenceNumber) {
        recordServiceLevelAlarm(event, metaData, sequenceNumber);
    }

    /**
     * Records a warning or breach. Its time is when the threshold was reached, which a command may have passed
     * already, so the time of the incident's last change does not move back.
     */
    private void recordServiceLevelAlarm(IncidentEvent event, MetaData metaData, long sequenceNumber) {
        Instant previous = lastOccurredAt;
        recordChange(event, metaData, sequenceNumber);
        if (previous != null && previous.isAfter(event.occurredAt())) {
            lastOccurredAt = previous;
        }
    }

    private void recordChange(IncidentEvent event, MetaData metaData, long sequenceNumber) {
        if (serviceLevel != null) {
            RuntimeException failure = serviceLevel.apply(event, isImported(metaData));
            // A rebuild from the store stops the clocks at the same event again: log only when the event is new.
            if (failure != null && AggregateLifecycle.isLive()) {
                log.error("Service level clocks of incident {} under policy {} version {} stopped at {}, so the"
                                + " incident raises no more warnings or breaches: {}", event.incidentId(),
                        serviceLevel.policy().id(), serviceLevel.policy().version(),
                        event.getClass().getSimpleName(), failure.toString());
            }
        }
        lastOccurredAt = event.occurredAt();
        version = sequenceNumber;
        // Read back from the store, the position may arrive as an Integer rather than the Long that was sent.
        if (metaData.get(ImportMetaData.POSITION) instanceof Number position) {
            importPosition = Math.max(importPosition, position.longValue());
        }
    }

    private void recordAssignment(MetaData metaData, long sequenceNumber) {
        assignmentVersion = sequenceNumber;
        liveAssignment = !isImported(metaData);
    }

    // Timers of live work. Imported history never schedules them, because its times lie in the past and the
    // source log already records what happened next.

    private void scheduleAcceptanceDeadline(DeadlineManager deadlineManager, LifecycleProperties lifecycle,
                                            MetaData metaData, Instant assignedAt) {
        Duration limit = lifecycle.escalateUnacceptedAfter();
        if (limit == null || isImported(metaData) || state != IncidentState.ASSIGNED) {
            return;
        }
        Instant dueAt = assignedAt.plus(limit);
        deadlineManager.schedule(dueAt, AcceptanceDue.DEADLINE,
                new AcceptanceDue(assignmentVersion, readable(limit), dueAt));
    }

    // Cancellations run only where a live command may have scheduled a deadline, so imported history, which
    // schedules none, does not look them up.
    private void cancelAcceptanceDeadline(DeadlineManager deadlineManager) {
        if (state == IncidentState.ASSIGNED && liveAssignment) {
            deadlineManager.cancelAllWithinScope(AcceptanceDue.DEADLINE);
        }
    }

    private void scheduleAutoClose(DeadlineManager deadlineManager, LifecycleProperties lifecycle, MetaData metaData,
                                   Instant resolvedTime) {
        Duration after = lifecycle.autoCloseAfter();
        if (after == null || isImported(metaData)) {
            return;
        }
        Instant dueAt = resolvedTime.plus(after);
        deadlineManager.schedule(dueAt, AutoCloseDue.DEADLINE, new AutoCloseDue(resolutionVersion, dueAt));
    }

    private void cancelAutoClose(DeadlineManager deadlineManager) {
        if (state == IncidentState.RESOLVED && liveResolution) {
            deadlineManager.cancelAllWithinScope(AutoCloseDue.DEADLINE);
        }
    }

    /**
     * Returns the business time of a change made by a timer: its due time, which a late start of the scheduler
     * does not move, or the incident's last change if that came later.
     */
    private Instant notBeforeLastEvent(Instant dueAt) {
        return lastOccurredAt != null && dueAt.isBefore(lastOccurredAt) ? lastOccurredAt : dueAt;
    }

    /** Writes whole days as {@code P14D}, where {@link Duration#toString()} would write {@code PT336H}. */
    private static String readable(Duration duration) {
        boolean wholeDays = duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()));
        return wholeDays ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private static boolean isImported(MetaData metaData) {
        return metaData.containsKey(ImportMetaData.SOURCE);
    }

    // Guards shared by the command handlers.

    private void requireWithinReopenWindow(Duration window, Instant reopenedAt) {
        if (state != IncidentState.RESOLVED || window == null || resolvedAt == null) {
            return;
        }
        Instant end = resolvedAt.plus(window);
        if (reopenedAt.isAfter(end)) {
            throw violation(ErrorCode.COMMAND_NOT_ALLOWED, IncidentCommand.REOPEN,
                    "Cannot reopen incident " + incidentId + " at " + reopenedAt + ": it was resolved at "
                            + resolvedAt + " and the reopen window of " + readable(window) + " ended at " + end
                            + ". Report a new incident that refers to this one.");
        }
    }

    private void requireValidOriginal(IncidentId originalId, DuplicateRegistry.DuplicateCheck check) {
        if (!check.originalExists()) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.MARK_DUPLICATE,
                    "Cannot mark incident " + incidentId + " as a duplicate of " + originalId
                            + ": no incident has that id. Check the original's id.");
        }
        if (check.originalDuplicates() != null) {
            throw notAllowed(IncidentCommand.MARK_DUPLICATE, "the original " + originalId
                    + " is itself a duplicate of " + check.originalDuplicates() + "; name "
                    + check.originalDuplicates() + " as the original");
        }
        if (!check.originalOpen()) {
            throw notAllowed(IncidentCommand.MARK_DUPLICATE, "the original " + originalId
                    + " is CLOSED or CANCELLED; name an open original, or cancel this incident instead");
        }
        if (!check.duplicatesOfIncident().isEmpty()) {
            throw notAllowed(IncidentCommand.MARK_DUPLICATE, "it is the original of the duplicates "
                    + check.duplicatesOfIncident() + ", and a duplicate cannot have duplicates of its own");
        }
    }


    private void requireAllowed(IncidentCommand command, Instant occurredAt) {
        if (!command.isAllowedIn(state)) {
            List<String> allowed = IncidentCommand.allowedIn(state);
            throw notAllowed(command, allowed.isEmpty()
                    ? "no command changes an incident in state " + state
                    : "allowed in " + state + ": " + String.join(", ", allowed));
        }
        requireNotBeforeLastEvent(command, occurredAt);
    }

    /**
     * Returns the business time of a command: the time the client gave, or the server clock read while this
     * incident is locked, so commands without a time never appear to happen before the change they follow. Times
     * are kept to the millisecond, the precision of the read models.
     */
    private Instant resolveTime(Instant requested) {
        if (requested != null) {
            return requested.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant now = GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return lastOccurredAt != null && now.isBefore(lastOccurredAt) ? lastOccurredAt : now;
    }

    private void requireHigherTier(SupportGroupId target, SupportGroupDirectory groups) {
        OptionalInt targetTier = groups.tierOf(target);
        if (targetTier.isEmpty()) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.ESCALATE,
                    "Cannot escalate incident " + incidentId + " to " + target + ": the organisation has no support"
                            + " group with that id. Name a listed group of a higher tier.");
        }
        int currentTier = groups.tierOf(assignedGroup).orElse(1);
        if (targetTier.getAsInt() <= currentTier) {
            throw violation(ErrorCode.INVALID_INPUT, IncidentCommand.ESCALATE,
                    "Cannot escalate incident " + incidentId + " functionally to " + target + " (tier "
                            + targetTier.getAsInt() + "): its assigned group " + assignedGroup + " is tier "
                            + currentTier + ". Escalate to a group of tier " + (currentTier + 1)
                            + " or higher, or reassign the incident instead.");
        }
    }

    /**
     * Requires a named assignee of a live command to belong to the group the incident goes to. Imports replay people
     * and groups of their log that the organisation does not list, so they are not checked.
     */
    private void requireMember(IncidentCommand command, SupportGroupId group, UserId person,
                               SupportGroupDirectory groups, MetaData metaData) {
        if (person == null || group == null || CallerMetaData.from(metaData) == null) {
            return;
        }
        if (!groups.isMember(group, person)) {
            throw violation(ErrorCode.INVALID_INPUT, command,
                    "Cannot " + command.action() + " " + (incidentId == null ? "the incident" : "incident " + incidentId)
                            + " to " + person + " in group " + group + ": " + person + " is not a member of " + group
                            + ". Name a member of the group, or the group alone.");
        }
    }

    /**
     * Rejects an original the caller may not read, before any rule that would reveal its state, so that marking a
     * throwaway incident cannot probe other incidents. A caller who reads only their own incidents gets the same
     * rejection for an original that does not exist.
     */
    private void requireReadableOriginal(IncidentId originalId, DuplicateRegistry.DuplicateCheck check,
                                         Caller caller) {
        if (caller == null) {
            return;
        }
        boolean hidden = check.originalExists()
                ? !IncidentPermissions.mayRead(caller, check.originalParties())
                : IncidentPermissions.readsOnlyOwnIncidents(caller);
        if (hidden) {
            throw new IncidentRuleViolation(IncidentPermissions.unreadable(caller, originalId.value(),
                    IncidentCommand.MARK_DUPLICATE.label()));
        }
    }

    private void requireNotBeforeLastEvent(IncidentCommand command, Instant occurredAt) {
        if (lastOccurredAt != null && occurredAt.isBefore(lastOccurredAt)) {
            throw violation(ErrorCode.OCCURRED_BEFORE_LAST_EVENT, command,
                    "Cannot " + command.action() + " incident " + incidentId + " at " + occurredAt
                            + ": that is before its last change at " + lastOccurredAt
                            + ". Give a time at or after " + lastOccurredAt + ".");
        }
    }

    private IncidentRuleViolation notAllowed(IncidentCommand command, String detail) {
        return violation(ErrorCode.COMMAND_NOT_ALLOWED, command,
                "Cannot " + command.action() + " incident " + incidentId + " in state " + state + "; " + detail + ".");
    }

    private IncidentRuleViolation violation(ErrorCode code, IncidentCommand command, String message) {
        List<String> allowed = state == null ? List.of() : IncidentCommand.allowedIn(state);
        String stateName = state == null ? null : state.name();
        return new IncidentRuleViolation(new CommandRejection(code, String.valueOf(incidentId), command.label(),
                stateName, allowed, message));
    }

    private static LifecyclePolicy policyOrStrict(LifecyclePolicy policy) {
        return policy != null ? policy : LifecyclePolicy.STRICT;
    }

    private IncidentStatus status(boolean changed) {
        return new IncidentStatus(incidentId, state, ownerGroup, assignedGroup, assignee, reassignmentCount,
                reopenCount, version, importPosition, changed);
    }
}
