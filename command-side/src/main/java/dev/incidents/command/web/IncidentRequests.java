package dev.incidents.command.web;

import dev.incidents.api.incident.CancelReason;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.Urgency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Request bodies of the command API. {@code occurredAt} is optional everywhere: without it the server clock is
 * the business time; with it, a change is recorded as having happened earlier (never before the incident's last
 * change, never in the future).
 */
final class IncidentRequests {

    static final int SUMMARY_MAX = 200;
    static final int TEXT_MAX = 32_768;
    static final int NAME_MAX = 100;
    static final int REASON_MAX = 1_000;

    private IncidentRequests() {
    }

    record Report(
            @NotBlank @SingleLine @Size(max = SUMMARY_MAX) String summary,
            @Text @Size(max = TEXT_MAX) String description,
            @SingleLine @Size(max = NAME_MAX) String requester,
            @SingleLine @Size(max = NAME_MAX) String category,
            @NotNull Impact impact,
            @NotNull Urgency urgency,
            @SingleLine @Size(max = NAME_MAX) String ownerGroup,
            @SingleLine @Size(max = NAME_MAX) String assignedGroup,
            @SingleLine @Size(max = NAME_MAX) String assignee,
            Instant occurredAt) {
    }

    record Classify(@SingleLine @Size(max = NAME_MAX) String category, @NotNull Impact impact, @NotNull Urgency urgency,
                    Instant occurredAt) {
    }

    record Assign(@NotBlank @SingleLine @Size(max = NAME_MAX) String group, @SingleLine @Size(max = NAME_MAX) String assignee,
                  Instant occurredAt) {
    }

    record Accept(@SingleLine @Size(max = NAME_MAX) String assignee, Instant occurredAt) {
    }

    record Reassign(@SingleLine @Size(max = NAME_MAX) String group, @SingleLine @Size(max = NAME_MAX) String assignee,
                    @NotBlank @SingleLine @Size(max = REASON_MAX) String reason, Instant occurredAt) {
    }

    record Reason(@NotBlank @SingleLine @Size(max = REASON_MAX) String reason, Instant occurredAt) {
    }

    record OptionalReason(@SingleLine @Size(max = REASON_MAX) String reason, Instant occurredAt) {
    }

    record WorkNote(@NotBlank @Text @Size(max = TEXT_MAX) String text, NoteVisibility visibility,
                    @SingleLine @Size(max = NAME_MAX) String correctsNoteId, Instant occurredAt) {
    }

    record Pend(@NotNull PendingReason reason, @SingleLine @Size(max = REASON_MAX) String detail, Instant until,
                Instant occurredAt) {
    }

    record Escalate(@NotNull EscalationKind kind, @SingleLine @Size(max = NAME_MAX) String toGroup,
                    @NotBlank @SingleLine @Size(max = REASON_MAX) String reason, Instant occurredAt) {
    }

    record Resolve(@NotBlank @SingleLine @Size(max = NAME_MAX) String resolutionCode, @Text @Size(max = TEXT_MAX) String note,
                   @SingleLine @Size(max = NAME_MAX) String knowledgeArticle, Instant occurredAt) {
    }

    record Close(@Min(1) @Max(5) Integer satisfaction, @Text @Size(max = TEXT_MAX) String comment, Instant occurredAt) {
    }

    record Cancel(@NotNull CancelReason reason, @SingleLine @Size(max = REASON_MAX) String detail, Instant occurredAt) {
    }

    record MarkDuplicate(@NotBlank @SingleLine @Size(max = NAME_MAX) String originalId,
                         @SingleLine @Size(max = REASON_MAX) String reason, Instant occurredAt) {
    }

    /** @param promisedFor the instant by which the requester is promised a resolution, after the change */
    record ResolutionPromise(@NotNull Instant promisedFor, Instant occurredAt) {
    }

    record TransferOwnership(@NotBlank @SingleLine @Size(max = NAME_MAX) String toGroup, @SingleLine @Size(max = REASON_MAX) String reason,
                             Instant occurredAt) {
    }
}
