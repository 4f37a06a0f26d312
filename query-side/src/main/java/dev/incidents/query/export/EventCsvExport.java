package dev.incidents.query.export;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.hashchain.ChainEntries;
import dev.incidents.query.hashchain.RecordedHashes;
import dev.incidents.query.incident.ProjectedIncident;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the event log of the selected incidents as CSV, incident by incident in id order and each incident's events
 * in sequence order. It keeps one page of incident ids and one storage-engine batch of events in memory, and writes
 * every row as soon as it is built. The columns are described in
 * docs/tamper-evidence.md.
 */
@Component
class EventCsvExport {

    static final List<String> HEADER = List.of("incidentId", "sequenceNumber", "eventType", "occurredAt",
            "recordedAt", "actorUser", "actorRole", "actorGroup", "state", "priority", "ownerGroup",
            "assignedGroup", "assignee", "payload", "previousHash", "hash");

    private final ExportSelector selector;
    private final EventStore eventStore;
    private final ChainEntries entries;
    private final RecordedHashes recordedHashes;
    private final int pageSize;

    EventCsvExport(ExportSelector selector, EventStore eventStore, ChainEntries entries,
                   RecordedHashes recordedHashes, @Value("${incidents.exports.page-size:200}") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("invalid incidents.exports.page-size " + pageSize
                    + ": use a positive number of incidents per page");
        }
        this.selector = selector;
        this.eventStore = eventStore;
        this.entries = entries;
        this.recordedHashes = recordedHashes;
        this.pageSize = pageSize;
    }

    /**
     * Writes the header and one row per event, counting in {@code progress} the incidents and events written so far,
     * so that an export that stops early can tell how far it got. Returns the final counts.
     */
    ExportCount write(ExportSelection selection, Writer out, ExportProgress progress) throws IOException {
        CsvRow.write(out, HEADER);
        String lastId = null;
        List<String> page = selector.page(selection, null, pageSize);
        while (!page.isEmpty()) {
            for (String incidentId : page) {
                writeIncident(incidentId, out, progress);
                progress.incidents++;
            }
            out.flush();
            lastId = page.get(page.size() - 1);
            page = page.size() < pageSize ? List.of() : selector.page(selection, lastId, pageSize);
        }
        return progress.count();
    }

    private void writeIncident(String incidentId, Writer out, ExportProgress progress) throws IOException {
        List<String> hashes = recordedHashes.of(incidentId);
        ProjectedIncident state = ProjectedIncident.unreported(new IncidentId(incidentId));
        DomainEventStream stream = eventStore.readEvents(incidentId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            IncidentEvent event = (IncidentEvent) message.getPayload();
            long sequence = message.getSequenceNumber();
            state.apply(event, sequence);
            CsvRow.write(out, row(entries.of(message), event.actor(), state, hashes));
            progress.events++;
        }
    }

    private static List<String> row(EventHashChain.Entry entry, Actor actor, ProjectedIncident state,
                                    List<String> hashes) {
        long sequence = entry.sequenceNumber();
        List<String> row = new ArrayList<>(HEADER.size());
        row.add(entry.incidentId());
        row.add(Long.toString(sequence));
        row.add(entry.eventType());
        row.add(text(entry.occurredAt()));
        row.add(entry.recordedAt().toString());
        row.add(actor.user().value());
        row.add(text(actor.role()));
        row.add(actor.group() == null ? null : actor.group().value());
        row.add(text(state.state()));
        row.add(text(state.priority()));
        row.add(state.ownerGroup());
        row.add(state.assignedGroup());
        row.add(state.assignee());
        row.add(EventHashChain.canonicalJson(entry.payload()));
        // Recorded hashes, so that verifying the file detects an event changed in the store after it was hashed.
        // An event the hash projection has not handled yet gets empty hash fields.
        row.add(sequence == 0 ? EventHashChain.GENESIS_HASH : hashAt(hashes, sequence - 1));
        row.add(hashAt(hashes, sequence));
        return row;
    }

    private static String hashAt(List<String> hashes, long sequence) {
        return sequence < hashes.size() ? hashes.get((int) sequence) : null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Numbers of incidents and events in one export. */
    record ExportCount(int incidents, long events) {
    }

    /** Numbers of incidents and events an export has written so far, read by the request's thread only. */
    static final class ExportProgress {

        private int incidents;
        private long events;

        ExportCount count() {
            return new ExportCount(incidents, events);
        }
    }
}
