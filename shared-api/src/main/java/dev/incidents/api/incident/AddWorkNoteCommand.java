package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a work note; notes are never edited, so a correction refers to the note it corrects. */
public record AddWorkNoteCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String noteId,
        String text,
        NoteVisibility visibility,
        String correctsNoteId,
        Actor actor,
        Instant occurredAt) {
}
