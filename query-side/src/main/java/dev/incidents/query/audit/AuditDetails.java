package dev.incidents.query.audit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentClosureRevoked;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentPended;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentReturnedToServiceDesk;
import dev.incidents.api.incident.OwnershipTransferred;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.query.FieldChange;
import dev.incidents.api.sla.ServiceLevelClockKind;

/** Computes the field changes and the event-specific details of one audit entry. */
final class AuditDetails {

    private AuditDetails() {
    }

    /**
     * Lists the fields whose values differ between {@code before} and {@code after}, in the order of {@code after}.
     * An empty {@code before} makes every non-null value of {@code after} a change from null.
     */
    static List<FieldChange> changes(Map<String, String> before, Map<String, String> after) {
        return after.entrySet().stream()
                .filter(field -> !Objects.equals(before.get(field.getKey()), field.getValue()))
                .map(field -> new FieldChange(field.getKey(), before.get(field.getKey()), field.getValue()))
                .toList();
    }

    /**
     * Returns the values of the event that are not incident fields, such as reasons, note texts and resolution
     * codes, keyed by the event's component names. Null values are left out.
     */
    static Map<String, String> of(IncidentEvent event) {
        Map<String, String> details = new LinkedHashMap<>();
        if (event instanceof IncidentReported reported) {
            put(details, "description", reported.description());
            if (reported.serviceLevel() != null) {
                put(details, "serviceLevelPolicy", reported.serviceLevel().policy().id() + " v"
                        + reported.serviceLevel().policy().version());
                put(details, "customerCalendar", reported.serviceLevel().customerCalendar().id() + " v"
                        + reported.serviceLevel().customerCalendar().version());
            }
        } else if (event instanceof IncidentReassigned reassigned) {
            put(details, "reason", reassigned.reason());
        } else if (event instanceof IncidentReturnedToServiceDesk returned) {
            put(details, "reason", returned.reason());
        } else if (event instanceof AssignmentReleased released) {
            put(details, "reason", released.reason());
        } else if (event instanceof WorkNoteAdded note) {
            put(details, "noteId", note.noteId());
            put(details, "text", note.text());
            put(details, "visibility", note.visibility());
            put(details, "correctsNoteId", note.correctsNoteId());
        } else if (event instanceof IncidentPended pended) {
            put(details, "reason", pended.reason());
            put(details, "detail", pended.detail());
            put(details, "until", pended.until());
        } else if (event instanceof IncidentEscalated escalated) {
            put(details, "kind", escalated.kind());
            put(details, "fromGroup", escalated.fromGroup());
            put(details, "toGroup", escalated.toGroup());
            put(details, "toManager", escalated.toManager());
            put(details, "reason", escalated.reason());
        } else if (event instanceof IncidentResolved resolved) {
            put(details, "resolutionCode", resolved.resolutionCode());
            put(details, "note", resolved.note());
            put(details, "knowledgeArticle", resolved.knowledgeArticle());
            put(details, "resolvingGroup", resolved.resolvingGroup());
            put(details, "resolvedBy", resolved.resolvedBy());
        } else if (event instanceof ResolutionRejected rejected) {
            put(details, "reason", rejected.reason());
        } else if (event instanceof IncidentReopened reopened) {
            put(details, "reason", reopened.reason());
        } else if (event instanceof IncidentClosed closed) {
            put(details, "satisfaction", closed.satisfaction());
            put(details, "comment", closed.comment());
        } else if (event instanceof IncidentClosureRevoked revoked) {
            put(details, "reason", revoked.reason());
        } else if (event instanceof IncidentCancelled cancelled) {
            put(details, "reason", cancelled.reason());
            put(details, "detail", cancelled.detail());
        } else if (event instanceof OwnershipTransferred transferred) {
            put(details, "reason", transferred.reason());
        } else if (event instanceof ResolutionPromised promised) {
            put(details, "promisedFor", promised.promisedFor());
        } else if (event instanceof ServiceLevelWarningRaised warning) {
            putServiceLevel(details, warning.clock(), warning.group(), warning.priority(), warning.target(),
                    warning.policyId(), warning.policyVersion());
        } else if (event instanceof ServiceLevelBreached breach) {
            putServiceLevel(details, breach.clock(), breach.group(), breach.priority(), breach.target(),
                    breach.policyId(), breach.policyVersion());
        }
        // The remaining events (classified, assigned, accepted, resumed) carry nothing beyond their field changes.
        return details;
    }

    private static void putServiceLevel(Map<String, String> details, ServiceLevelClockKind clock,
                                        SupportGroupId group, Priority priority, Duration target, String policyId,
                                        int policyVersion) {
        put(details, "clock", clock);
        put(details, "supportGroup", group == null ? null : group.value());
        put(details, "priority", priority);
        put(details, "target", target);
        put(details, "policy", policyId + " v" + policyVersion);
    }

    private static void put(Map<String, String> details, String name, Object value) {
        if (value != null) {
            details.put(name, value.toString());
        }
    }
}
