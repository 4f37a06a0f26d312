package dev.incidents.command.importer;

import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.ClassifyIncidentCommand;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.ReassignIncidentCommand;
import dev.incidents.api.incident.ReleaseAssignmentCommand;
import dev.incidents.api.incident.ReopenIncidentCommand;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.ResumeIncidentCommand;
import dev.incidents.api.incident.RevokeClosureCommand;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.command.incident.IncidentRuleViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.incidents.api.incident.IncidentState.ASSIGNED;
import static dev.incidents.api.incident.IncidentState.CLOSED;
import static dev.incidents.api.incident.IncidentState.IN_PROGRESS;
import static dev.incidents.api.incident.IncidentState.PENDING;
import static dev.incidents.api.incident.IncidentState.RESOLVED;

/**
 * Turns the rows of one ServiceNow incident into lifecycle commands, sent through the same command handlers as live
 * traffic. Each row is the incident record after one update, so the commands for a row follow from how it differs
 * from the incident as imported so far. The mapping is documented in docs/importer.md.
 */
final class ServiceNowIncidentImporter {

    /** Room for the commands of one row in the import position: a row needs at most five. */
    static final int STEPS_PER_ROW = 8;

    static final String ALREADY_IMPORTED = Bpic2013TraceImporter.ALREADY_IMPORTED;
    static final String NO_CHANGE = "no change of state, assignment group or classification";
    static final String OUT_OF_ORDER = "sys_mod_count out of order";
    static final String NOT_CONSECUTIVE = "rows of the incident are not consecutive in the file";
    static final String GROUP_CHANGE_WHEN_CLOSED = "assignment group changed on a closed incident";

    /**
     * Owner of every imported incident, and the assigned group while the source's {@code assignment_group} is
     * empty: the source counts a change to or from an empty group as a reassignment, so the import needs a group
     * that stands for it. An empty group in ServiceNow means the incident waits in the service desk's queue.
     */
    static final SupportGroupId SERVICE_DESK = new SupportGroupId("SERVICE-DESK");

    static final UserId UNKNOWN = new UserId("unknown");

    private static final Set<String> STATES = Set.of("New", "Active", "Awaiting User Info", "Awaiting Problem",
            "Awaiting Vendor", "Awaiting Evidence", ServiceNowRow.RESOLVED, ServiceNowRow.CLOSED);

    private final LifecyclePolicy policy;

    ServiceNowIncidentImporter(LifecyclePolicy policy) {
        this.policy = policy;
    }

    /**
     * Imports one incident's rows in order, counting every row's outcome in {@code tally} and comparing the
     * incident's reassignments and reopens with the source's counters.
     */
    void importIncident(ServiceNowIncident incident, IncidentCommandSender sender, ImportTally tally) {
        IncidentId incidentId;
        try {
            incidentId = new IncidentId(Objects.requireNonNullElse(incident.number(), ""));
        } catch (RuntimeException e) {
            incident.rows().forEach(row -> tally.count(RecordOutcome.rejected("invalid incident number")));
            return;
        }
        if (incident.repeated()) {
            incident.rows().forEach(row -> tally.count(RecordOutcome.rejected(NOT_CONSECUTIVE)));
            return;
        }

        boolean[] outOfOrder = ModCountOrder.outOfOrder(incident.rows());
        Progress progress = new Progress();
        List<ServiceNowRow> compared = new ArrayList<>();
        for (ServiceNowRow row : incident.rows()) {
            if (row.invalid() != null) {
                tally.count(RecordOutcome.rejected(row.invalid()));
            } else if (outOfOrder[row.index()]) {
                tally.count(RecordOutcome.skipped(OUT_OF_ORDER));
            } else {
                tally.count(importRow(incidentId, row, progress, sender));
                compared.add(row);
            }
        }

        if (progress.created) {
            tally.countIncident();
        }
        if (progress.status != null) {
            tally.counters().count(incidentId.value(),
                    ServiceNowCounterCheck.reassignments(compared, progress.status.reassignmentCount()),
                    ServiceNowCounterCheck.reopens(compared, progress.status.reopenCount()));
        }
    }

    private RecordOutcome importRow(IncidentId incidentId, ServiceNowRow row, Progress progress,
                                    IncidentCommandSender sender) {
        if (row.index() <= progress.importedThrough) {
            progress.lastTime = later(progress.lastTime, row.updatedAt());
            return RecordOutcome.skipped(ALREADY_IMPORTED);
        }
        if (!STATES.contains(row.state())) {
            return RecordOutcome.rejected("unknown incident_state " + row.state());
        }
        if (progress.status == null && progress.rejectedReport) {
            return RecordOutcome.rejected("incident was not created by this import");
        }

        Steps steps = new Steps(incidentId, row, progress, sender);
        try {
            return map(row, progress, steps);
        } catch (IncidentRuleViolation violation) {
            if (progress.status == null) {
                progress.rejectedReport = true;
            }
            return RecordOutcome.rejected(violation.code() + " on " + violation.rejection().command());
        }
    }

    private RecordOutcome map(ServiceNowRow row, Progress progress, Steps steps) {
        if (progress.status == null) {
            IncidentStatus reported = steps.send(report(steps.incidentId, row), row.openedAt());
            if (!reported.changed()) {
                // The incident contains rows of an earlier run of this import, so skip those it has applied.
                progress.importedThrough = (int) (reported.importPosition() / STEPS_PER_ROW);
                progress.lastTime = later(row.openedAt(), row.updatedAt());
                return RecordOutcome.skipped(ALREADY_IMPORTED);
            }
            progress.created = true;
            progress.classification = Classification.of(row);
        } else {
            if ((state(progress) == RESOLVED || state(progress) == CLOSED) && !row.resolvedOrClosed()) {
                steps.send(new ReopenIncidentCommand(steps.incidentId, "state changed to " + row.state()
                        + " in the source", policy, steps.actor, steps.time()));
            }
            if (!groupOf(row).equals(progress.status.assignedGroup())) {
                if (state(progress) == CLOSED) {
                    return RecordOutcome.skipped(GROUP_CHANGE_WHEN_CLOSED);
                }
                steps.send(new ReassignIncidentCommand(steps.incidentId, groupOf(row), userOrNull(row.assignee()),
                        row.group() == null ? "assignment group cleared in the source"
                                : "assignment group changed in the source", policy, steps.actor, steps.time()));
            }
            reclassifyIfChanged(row, progress, steps);
        }

        applyState(row, progress, steps);
        return steps.outcome(NO_CHANGE);
    }

    private static void reclassifyIfChanged(ServiceNowRow row, Progress progress, Steps steps) {
        Classification classification = Classification.of(row);
        if (!classification.equals(progress.classification) && state(progress).isOpen()) {
            steps.send(new ClassifyIncidentCommand(steps.incidentId, classification.category(),
                    classification.impact(), classification.urgency(), steps.actor, steps.time()));
            progress.classification = classification;
        }
    }

    private void applyState(ServiceNowRow row, Progress progress, Steps steps) {
        String state = row.state();
        switch (state) {
            case "New" -> {
                if (state(progress) == IN_PROGRESS || state(progress) == PENDING) {
                    steps.send(new ReleaseAssignmentCommand(steps.incidentId, "state changed to New in the source",
                            steps.actor, steps.time()));
                }
            }
            case "Active" -> {
                acceptIfAssigned(row, progress, steps);
                if (state(progress) == PENDING) {
                    steps.send(new ResumeIncidentCommand(steps.incidentId, steps.actor, steps.time()));
                }
            }
            case ServiceNowRow.RESOLVED -> {
                if (state(progress) == CLOSED) {
                    steps.send(new RevokeClosureCommand(steps.incidentId, "state changed from Closed to Resolved in"
                            + " the source", policy, steps.actor, steps.time()));
                } else {
                    resolveIfOpen(row, progress, steps);
                }
            }
            case ServiceNowRow.CLOSED -> {
                resolveIfOpen(row, progress, steps);
                if (state(progress) == RESOLVED) {
                    steps.send(new CloseIncidentCommand(steps.incidentId, null, null, steps.actor, steps.time()));
                }
            }
            default -> pend(row, progress, steps);
        }
    }

    /** Pends for one of the Awaiting states; a change between two of them resumes and pends with the new reason. */
    private static void pend(ServiceNowRow row, Progress progress, Steps steps) {
        acceptIfAssigned(row, progress, steps);
        if (state(progress) == PENDING && !row.state().equals(progress.pendingState)) {
            steps.send(new ResumeIncidentCommand(steps.incidentId, steps.actor, steps.time()));
        }
        if (state(progress) == IN_PROGRESS) {
            steps.send(new PendIncidentCommand(steps.incidentId, pendingReason(row.state()), row.state(), null,
                    steps.actor, steps.time()));
            progress.pendingState = row.state();
        }
    }

    private static void acceptIfAssigned(ServiceNowRow row, Progress progress, Steps steps) {
        if (state(progress) == ASSIGNED) {
            UserId assignee = new UserId(Objects.requireNonNullElse(row.assignee(), steps.actor.user().value()));
            steps.send(new AcceptAssignmentCommand(steps.incidentId, assignee, steps.actor, steps.time()));
        }
    }

    private static void resolveIfOpen(ServiceNowRow row, Progress progress, Steps steps) {
        if (state(progress) == PENDING) {
            steps.send(new ResumeIncidentCommand(steps.incidentId, steps.actor, steps.time()));
        }
        if (state(progress) == ASSIGNED || state(progress) == IN_PROGRESS) {
            // resolved_by, resolved_at and closed_code hold the incident's last resolution on every row, so an
            // incident resolved twice gets the last resolver for both, and the business time is the row's update.
            Actor resolver = row.resolvedBy() == null ? steps.actor
                    : new Actor(new UserId(row.resolvedBy()), steps.actor.group());
            String note = row.resolvedAt() == null ? null : "resolved_at in the source: " + row.resolvedAt();
            steps.send(new ResolveIncidentCommand(steps.incidentId,
                    Objects.requireNonNullElse(row.closedCode(), "unspecified"), note, null, resolver, steps.time()));
        }
    }

    private static ReportIncidentCommand report(IncidentId incidentId, ServiceNowRow row) {
        Classification classification = Classification.of(row);
        String summary = "ServiceNow incident " + incidentId
                + (row.category() == null ? "" : " in " + row.category());
        UserId requester = row.caller() == null ? UNKNOWN : new UserId(row.caller());
        Actor opener = new Actor(row.openedBy() == null ? UNKNOWN : new UserId(row.openedBy()), null);
        return new ReportIncidentCommand(incidentId, summary, null, requester, classification.category(),
                classification.impact(), classification.urgency(), SERVICE_DESK, groupOf(row),
                userOrNull(row.assignee()), opener, row.openedAt());
    }

    static SupportGroupId groupOf(ServiceNowRow row) {
        return row.group() == null ? SERVICE_DESK : new SupportGroupId(row.group());
    }

    /** Maps {@code 1 - High}, {@code 2 - Medium} and {@code 3 - Low} by their number; a missing value is MEDIUM. */
    static Impact impactOf(String value) {
        return switch (level(value)) {
            case 1 -> Impact.HIGH;
            case 3 -> Impact.LOW;
            default -> Impact.MEDIUM;
        };
    }

    /** Maps urgency like {@link #impactOf(String)}. */
    static Urgency urgencyOf(String value) {
        return switch (level(value)) {
            case 1 -> Urgency.HIGH;
            case 3 -> Urgency.LOW;
            default -> Urgency.MEDIUM;
        };
    }

    static PendingReason pendingReason(String state) {
        return switch (state) {
            case "Awaiting User Info" -> PendingReason.CUSTOMER;
            case "Awaiting Vendor" -> PendingReason.VENDOR;
            default -> PendingReason.OTHER;
        };
    }

    private static int level(String value) {
        if (value == null || value.isEmpty() || !Character.isDigit(value.charAt(0))) {
            return 2;
        }
        return value.charAt(0) - '0';
    }

    private static UserId userOrNull(String value) {
        return value == null ? null : new UserId(value);
    }

    private static Instant later(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        return second == null || first.isAfter(second) ? first : second;
    }

    private static IncidentState state(Progress progress) {
        return progress.status.state();
    }

    /** Category, impact and urgency as the product records them; the priority follows from impact and urgency. */
    private record Classification(String category, Impact impact, Urgency urgency) {

        static Classification of(ServiceNowRow row) {
            return new Classification(row.category(), impactOf(row.impact()), urgencyOf(row.urgency()));
        }
    }

    /** The incident as imported so far. */
    private static final class Progress {
        private IncidentStatus status;
        private Classification classification;
        private String pendingState;
        private Instant lastTime;
        private int importedThrough = -1;
        private boolean created;
        private boolean rejectedReport;
    }

    /**
     * The commands of one row: each gets the next import position, its result updates the progress, and its
     * business time is the row's update time, or the incident's last change where the source's time goes back.
     */
    private static final class Steps {
        private final IncidentId incidentId;
        private final ServiceNowRow row;
        private final Progress progress;
        private final IncidentCommandSender sender;
        private final Actor actor;
        private int sent;

        Steps(IncidentId incidentId, ServiceNowRow row, Progress progress, IncidentCommandSender sender) {
            this.incidentId = incidentId;
            this.row = row;
            this.progress = progress;
            this.sender = sender;
            UserId person = row.updatedBy() == null ? UNKNOWN : new UserId(row.updatedBy());
            this.actor = new Actor(person, row.group() == null ? null : new SupportGroupId(row.group()));
        }

        Instant time() {
            return later(progress.lastTime, row.updatedAt());
        }

        IncidentStatus send(Object command) {
            return send(command, time());
        }

        /** Sends a command whose business time is {@code time}, which must be the time the command carries. */
        IncidentStatus send(Object command, Instant time) {
            long position = (long) row.index() * STEPS_PER_ROW + sent;
            IncidentStatus status = sender.send(command, position);
            sent++;
            progress.status = status;
            progress.lastTime = later(progress.lastTime, time);
            return status;
        }

        RecordOutcome outcome(String reasonWhenNothingSent) {
            return sent == 0 ? RecordOutcome.skipped(reasonWhenNothingSent) : RecordOutcome.APPLIED;
        }
    }
}
