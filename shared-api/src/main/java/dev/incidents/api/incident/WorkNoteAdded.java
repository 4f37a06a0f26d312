package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A work note was added to the work detail log. */
@Revision("1")
public record WorkNoteAdded(
        IncidentId incidentId,
        String noteId,
        String text,
        NoteVisibility visibility,
        String correctsNoteId,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
