package dev.incidents.query.export;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.hashchain.ChainEntries;
import dev.incidents.query.incident.ProjectedIncident;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import javax.xml.stream.XMLStreamException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one incident as an XES trace: its events in sequence order, each with the standard attributes, the
 * recording time, the hash chain entry, where an import took it from, and the incident's fields after the event.
 * The attribute mapping is documented in docs/exports.md.
 */
final class IncidentTraceWriter {

    /** Incident fields written as {@code int} attributes; the other fields are strings. */
    private static final Set<String> COUNTS = Set.of(ProjectedIncident.REASSIGNMENT_COUNT,
            ProjectedIncident.REOPEN_COUNT);

    private final ChainEntries chainEntries;

    IncidentTraceWriter(ChainEntries chainEntries) {
        this.chainEntries = chainEntries;
    }

    /**
     * Writes the trace of {@code incidentId} and returns the number of events written.
     *
     * @param recordedHashes the hashes the hash chain projection recorded, the hash of sequence number n at index n
     */
    long write(String incidentId, DomainEventStream events, List<String> recordedHashes, XesLogWriter xes)
            throws XMLStreamException {
        ProjectedIncident incident = ProjectedIncident.unreported(new IncidentId(incidentId));
        String previousHash = EventHashChain.GENESIS_HASH;
        long written = 0;

        xes.startTrace(incidentId);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (!(message.getPayload() instanceof IncidentEvent event)) {
                continue;
            }
            String hashNow = EventHashChain.hash(previousHash, chainEntries.of(message));
            previousHash = hashNow;
            long sequence = message.getSequenceNumber();
            String recorded = sequence < recordedHashes.size() ? recordedHashes.get((int) sequence) : null;

            incident.apply(event, sequence);
            writeEvent(message, event, new Hashes(recorded, hashNow), incident, xes);
            written++;
        }
        xes.endTrace();
        return written;
    }

    private static void writeEvent(DomainEventMessage<?> message, IncidentEvent event, Hashes hashes,
                                   ProjectedIncident incident, XesLogWriter xes) throws XMLStreamException {
        xes.startEvent();

        Actor actor = event.actor();
        xes.string("concept:name", activity(message.getPayloadType().getSimpleName()));
        xes.string("lifecycle:transition", "complete");
        xes.date("time:timestamp", event.occurredAt());
        xes.string("org:resource", actor.user().value());
        xes.string("org:group", actor.group() == null ? null : actor.group().value());
        xes.string("org:role", actor.role() == null ? null : actor.role().name());

        xes.string("eventType", message.getPayloadType().getSimpleName());
        xes.integer("sequenceNumber", message.getSequenceNumber());
        xes.string("eventId", message.getIdentifier());
        xes.date("recordedAt", message.getTimestamp());
        xes.string("entryHash", hashes.recorded());
        xes.string("recomputedHash", hashes.now());

        writeImportProvenance(message.getMetaData(), xes);

        for (Map.Entry<String, String> field : incident.auditedValues().entrySet()) {
            if (COUNTS.contains(field.getKey())) {
                xes.integer(field.getKey(), Long.parseLong(field.getValue()));
            } else {
                xes.string(field.getKey(), field.getValue());
            }
        }

        xes.endEvent();
    }

    private static void writeImportProvenance(Map<String, ?> metaData, XesLogWriter xes) throws XMLStreamException {
        if (!(metaData.get(ImportMetaData.SOURCE) instanceof String source)) {
            return;
        }
        xes.string("importSource", source);
        if (metaData.get(ImportMetaData.POSITION) instanceof Number position) {
            xes.integer("importPosition", position.longValue());
            xes.integer("importRecord", position.longValue() / ImportMetaData.STEPS_PER_RECORD);
        }
        if (metaData.get(ImportMetaData.SOURCE_STATUS) instanceof String status) {
            xes.string("importStatus", status);
        }
    }

    /**
     * The hash of one chain entry as the hash chain projection recorded it when it first handled the event (null
     * until it has), and as computed from the event as stored now. They differ when the stored event changed.
     */
    private record Hashes(String recorded, String now) {
    }

    /**
     * Turns an event type into an activity name: {@code IncidentReported} becomes {@code Incident reported}, and
     * {@code ServiceLevelWarningRaised} becomes {@code Service level warning raised}.
     */
    static String activity(String eventType) {
        StringBuilder name = new StringBuilder(eventType.length() + 4);
        for (int i = 0; i < eventType.length(); i++) {
            char c = eventType.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                name.append(' ').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
