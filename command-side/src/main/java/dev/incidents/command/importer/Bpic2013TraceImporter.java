package dev.incidents.command.importer;

import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.CancelIncidentCommand;
import dev.incidents.api.incident.CancelReason;
import dev.incidents.api.incident.ClassifyIncidentCommand;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.ReassignIncidentCommand;
import dev.incidents.api.incident.RejectResolutionCommand;
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
import java.util.Locale;

import static dev.incidents.api.incident.IncidentState.ASSIGNED;
import static dev.incidents.api.incident.IncidentState.CLOSED;
import static dev.incidents.api.incident.IncidentState.IN_PROGRESS;
import static dev.incidents.api.incident.IncidentState.PENDING;
import static dev.incidents.api.incident.IncidentState.RESOLVED;

/**
 * Turns the records of one BPIC 2013 trace into lifecycle commands, in order, through the same command handlers
 * as live traffic. The mapping is documented in docs/importer.md; each record's steps depend on the incident's
 * state after the previous record, which the command results report.
 */
final class Bpic2013TraceImporter {

    /** Room for the commands of one record in the import position: a record needs at most four. */
    static final int STEPS_PER_RECORD = ImportMetaData.STEPS_PER_RECORD;

    static final String ALREADY_IMPORTED = "already imported";
    static final String NO_CHANGE = "no change of state or support group";
    static final String TEAM_CHANGE_WHEN_CLOSED = "support group changed on a closed incident";
    static final String UNMATCHED_OUTSIDE_RESOLUTION = "Unmatched status outside a resolution";

    /** Requester recorded for imported incidents: the log names the people who worked on them, not who reported. */
    static final UserId UNKNOWN_REQUESTER = new UserId("unknown");

    private final LifecyclePolicy policy;

    Bpic2013TraceImporter(LifecyclePolicy policy) {
        this.policy = policy;
    }

    /** Imports one trace, counting the outcome of every record in {@code tally}. */
    void importTrace(SourceTrace trace, IncidentCommandSender sender, ImportTally tally) {
        IncidentId incidentId;
        try {
            incidentId = new IncidentId(trace.incidentId());
        } catch (RuntimeException e) {
            trace.records().forEach(record -> tally.count(RecordOutcome.rejected("invalid incident id")));
            return;
        }

        TraceProgress progress = new TraceProgress();
        for (SourceRecord record : trace.records()) {
            RecordOutcome outcome = importRecord(incidentId, record, progress, sender);
            tally.count(outcome);
        }
        if (progress.created) {
            tally.countIncident();
        }
    }

    private RecordOutcome importRecord(IncidentId incidentId, SourceRecord record, TraceProgress progress,
                                       IncidentCommandSender sender) {
        if (record.index() <= progress.importedThrough) {
            return RecordOutcome.skipped(ALREADY_IMPORTED);
        }
        String invalid = invalidField(record);
        if (invalid != null) {
            return RecordOutcome.rejected(invalid);
        }
        if (progress.status == null && record.index() > 0 && progress.rejectedReport) {
            return RecordOutcome.rejected("incident was not created by this import");
        }

        Steps steps = new Steps(incidentId, record, progress, sender);
        try {
            return map(record, progress, steps);
        } catch (IncidentRuleViolation violation) {
            if (progress.status == null) {
                progress.rejectedReport = true;
            }
            return RecordOutcome.rejected(violation.code() + " on " + violation.rejection().command());
        }
    }

    private RecordOutcome map(SourceRecord record, TraceProgress progress, Steps steps) {
        if (progress.status == null) {
            IncidentStatus reported = steps.send(report(steps.incidentId, record, steps.actor));
            if (!reported.changed()) {
                // The incident contains records of an earlier run of this import, so skip those it has applied.
                progress.importedThrough = (int) (reported.importPosition() / STEPS_PER_RECORD);
                return RecordOutcome.skipped(ALREADY_IMPORTED);
            }
            progress.created = true;
        }

        if ("Unmatched".equals(record.status())) {
            if (state(progress) == RESOLVED) {
                steps.send(new RejectResolutionCommand(steps.incidentId, "status Unmatched after the resolution",
                        steps.actor, steps.time));
            }
            return steps.outcome(UNMATCHED_OUTSIDE_RESOLUTION);
        }

        boolean workResumes = "Accepted".equals(record.status()) || "Queued".equals(record.status());
        if (workResumes && (state(progress) == RESOLVED || state(progress) == CLOSED)) {
            steps.send(new ReopenIncidentCommand(steps.incidentId, "work resumed: " + record.statusLabel(), policy,
                    steps.actor, steps.time));
        }

        SupportGroupId team = new SupportGroupId(record.team());
        if (!team.equals(progress.status.assignedGroup())) {
            if (state(progress) == CLOSED) {
                return RecordOutcome.skipped(TEAM_CHANGE_WHEN_CLOSED);
            }
            steps.send(new ReassignIncidentCommand(steps.incidentId, team, null,
                    "support team changed in the source log", policy, steps.actor, steps.time));
        }

        reclassifyIfImpactChanged(record, progress, steps);
        return applyStatus(record, progress, steps);
    }

    private RecordOutcome applyStatus(SourceRecord record, TraceProgress progress, Steps steps) {
        String status = record.status();
        String subStatus = record.subStatus();
        switch (status) {
            case "Queued" -> {
                if (state(progress) == IN_PROGRESS || state(progress) == PENDING) {
                    steps.send(new ReleaseAssignmentCommand(steps.incidentId, "queued: " + subStatus, steps.actor,
                            steps.time));
                }
            }
            case "Accepted" -> {
                if (state(progress) == ASSIGNED) {
                    steps.send(new AcceptAssignmentCommand(steps.incidentId, steps.actor.user(), steps.actor,
                            steps.time));
                }
                if (subStatus.startsWith("Wait")) {
                    if (state(progress) == IN_PROGRESS) {
                        steps.send(new PendIncidentCommand(steps.incidentId, pendingReason(subStatus), subStatus,
                                null, steps.actor, steps.time));
                    }
                } else if (state(progress) == PENDING) {
                    steps.send(new ResumeIncidentCommand(steps.incidentId, steps.actor, steps.time));
                }
            }
            case "Completed" -> {
                return applyCompletion(record, progress, steps);
            }
            default -> {
                return RecordOutcome.rejected("unknown status " + status);
            }
        }
        return steps.outcome(NO_CHANGE);
    }

    private RecordOutcome applyCompletion(SourceRecord record, TraceProgress progress, Steps steps) {
        String subStatus = record.subStatus();
        switch (subStatus) {
            case "Resolved", "In Call" -> {
                if (state(progress) == CLOSED) {
                    steps.send(new RevokeClosureCommand(steps.incidentId, "resolution recorded after closure",
                            policy, steps.actor, steps.time));
                } else {
                    resolveIfOpen(subStatus, progress, steps);
                }
            }
            case "Closed" -> {
                resolveIfOpen("Closed", progress, steps);
                if (state(progress) == RESOLVED) {
                    steps.send(new CloseIncidentCommand(steps.incidentId, null, null, steps.actor, steps.time));
                }
            }
            case "Cancelled" -> steps.send(new CancelIncidentCommand(steps.incidentId, CancelReason.OTHER,
                    "Completed/Cancelled in the source log", steps.actor, steps.time));
            default -> {
                return RecordOutcome.rejected("unknown sub status Completed/" + subStatus);
            }
        }
        return steps.outcome(NO_CHANGE);
    }

    private static void resolveIfOpen(String resolutionCode, TraceProgress progress, Steps steps) {
        if (state(progress) == PENDING) {
            steps.send(new ResumeIncidentCommand(steps.incidentId, steps.actor, steps.time));
        }
        if (state(progress) == ASSIGNED || state(progress) == IN_PROGRESS) {
            steps.send(new ResolveIncidentCommand(steps.incidentId, resolutionCode, null, null, steps.actor,
                    steps.time));
        }
    }

    private static void reclassifyIfImpactChanged(SourceRecord record, TraceProgress progress, Steps steps) {
        Impact impact = impactOf(record.impact());
        if (impact != progress.impact && state(progress).isOpen()) {
            steps.send(new ClassifyIncidentCommand(steps.incidentId, record.product(), impact, Urgency.MEDIUM,
                    steps.actor, steps.time));
            progress.impact = impact;
        }
    }

    private static ReportIncidentCommand report(IncidentId incidentId, SourceRecord record, Actor actor) {
        SupportGroupId team = new SupportGroupId(record.team());
        String summary = "Service request " + incidentId + (record.product() == null ? "" : " on " + record.product());
        return new ReportIncidentCommand(incidentId, summary, null, UNKNOWN_REQUESTER, record.product(),
                impactOf(record.impact()), Urgency.MEDIUM, team, team, null, actor, record.timestamp());
    }

    /** BPIC 2013 has four impact levels; the 3x3 priority matrix has three, so Major and High both map to HIGH. */
    static Impact impactOf(String impact) {
        if (impact == null) {
            return Impact.MEDIUM;
        }
        return switch (impact.toLowerCase(Locale.ROOT)) {
            case "major", "high" -> Impact.HIGH;
            case "low" -> Impact.LOW;
            default -> Impact.MEDIUM;
        };
    }

    static PendingReason pendingReason(String subStatus) {
        return switch (subStatus) {
            case "Wait - User", "Wait - Customer" -> PendingReason.CUSTOMER;
            case "Wait - Vendor" -> PendingReason.VENDOR;
            case "Wait - Implementation" -> PendingReason.CHANGE;
            default -> PendingReason.OTHER;
        };
    }

    private static String invalidField(SourceRecord record) {
        if (record.status() == null || record.subStatus() == null) {
            return "missing concept:name or lifecycle:transition";
        }
        if (record.timestamp() == null) {
            return "missing or invalid time:timestamp";
        }
        if (record.team() == null || record.team().isBlank()) {
            return "missing org:group";
        }
        return null;
    }

    private static IncidentState state(TraceProgress progress) {
        return progress.status.state();
    }

    /** State of one trace's incident as the importer walks the records. */
    private static final class TraceProgress {
        private IncidentStatus status;
        private Impact impact;
        private int importedThrough = -1;
        private boolean created;
        private boolean rejectedReport;
    }

    /** The commands of one record: each gets the next import position, and its result updates the progress. */
    private static final class Steps {
        private final IncidentId incidentId;
        private final SourceRecord record;
        private final TraceProgress progress;
        private final IncidentCommandSender sender;
        private final Actor actor;
        private final Instant time;
        private int sent;

        Steps(IncidentId incidentId, SourceRecord record, TraceProgress progress, IncidentCommandSender sender) {
            this.incidentId = incidentId;
            this.record = record;
            this.progress = progress;
            this.sender = sender;
            String person = record.resource() == null || record.resource().isBlank() ? "unknown" : record.resource();
            this.actor = new Actor(new UserId(person), new SupportGroupId(record.team()));
            this.time = record.timestamp();
        }

        IncidentStatus send(Object command) {
            long position = (long) record.index() * STEPS_PER_RECORD + sent;
            IncidentStatus status = sender.send(command, position, record.statusLabel());
            sent++;
            if (progress.status == null) {
                progress.impact = impactOf(record.impact());
            }
            progress.status = status;
            return status;
        }

        RecordOutcome outcome(String reasonWhenNothingSent) {
            return sent == 0 ? RecordOutcome.skipped(reasonWhenNothingSent) : RecordOutcome.APPLIED;
        }
    }
}
