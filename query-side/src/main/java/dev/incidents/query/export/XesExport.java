package dev.incidents.query.export;

import dev.incidents.query.hashchain.ChainEntries;
import dev.incidents.query.hashchain.RecordedHashes;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DisconnectedClientHelper;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/**
 * Streams the event log of the selected incidents as XES. Each incident's events are read from the command side's
 * event store while its trace is written. So the export keeps in memory the list of selected ids, and of one
 * incident at a time a batch of events and the recorded hashes. It reads from sequence number 0, which skips the
 * aggregate snapshot that the read-only user of the H2 event store may not read.
 */
@Component
class XesExport {

    private static final Logger log = LoggerFactory.getLogger(XesExport.class);

    private final ExportSelector selector;
    private final EventStore eventStore;
    private final RecordedHashes recordedHashes;
    private final IncidentTraceWriter traceWriter;
    private final Clock clock;

    XesExport(ExportSelector selector, EventStore eventStore, RecordedHashes recordedHashes,
              ChainEntries chainEntries) {
        this.selector = selector;
        this.eventStore = eventStore;
        this.recordedHashes = recordedHashes;
        this.traceWriter = new IncidentTraceWriter(chainEntries);
        this.clock = Clock.systemUTC();
    }

    /** Returns the ids of the incidents the selection contains, in export order. */
    List<String> select(ExportSelection selection) {
        return selector.byReportTime(selection);
    }

    /** Writes the traces of {@code incidentIds} to {@code output} as one XES log. */
    void write(List<String> incidentIds, ExportSelection selection, String user, OutputStream output) throws IOException {
        long started = System.nanoTime();
        String incidentId = null;
        long events = 0;
        try (XesLogWriter xes = new XesLogWriter(output)) {
            xes.startLog("incident event log", clock.instant());
            for (String id : incidentIds) {
                incidentId = id;
                DomainEventStream stream = eventStore.readEvents(id, 0);
                events += traceWriter.write(id, stream, recordedHashes.of(id), xes);
            }
            xes.endLog();
        } catch (XMLStreamException e) {
            if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
                log.info("Stopped the XES export for user {} at incident {} after {} events: the client closed the"
                        + " connection", user, incidentId, events);
            } else {
                log.error("XES export for user {} failed at incident {} after {} events", user, incidentId, events, e);
            }
            throw new IOException("writing the XES export failed at incident " + incidentId, e);
        } catch (RuntimeException e) {
            log.error("XES export for user {} failed at incident {} after {} events", user, incidentId, events, e);
            throw e;
        }
        log.info("XES export for user {} with {} wrote {} incidents and {} events in {} ms", user, selection,
                incidentIds.size(), events, (System.nanoTime() - started) / 1_000_000);
    }
}
