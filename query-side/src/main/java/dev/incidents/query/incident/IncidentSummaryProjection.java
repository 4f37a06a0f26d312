package dev.incidents.query.incident;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.query.projection.BatchWriters;
import dev.incidents.query.projection.DocumentBatch;
import dev.incidents.query.projection.ReadModel;
import dev.incidents.query.projection.ReadModelStateMissingException;
import dev.incidents.query.queue.QueueUpdates;

/**
 * Keeps one summary document per incident in {@code incident_summaries}, and a copy of each active incident's summary
 * in {@link ActiveIncidentSummaries}. Each document stores the sequence number of the last applied event, so an event
 * delivered again is skipped. The events of a processor batch are applied in memory and each changed summary is
 * written once when the batch ends, before the processor stores its token.
 */
@Component
@ProcessingGroup(IncidentSummaryProjection.PROCESSING_GROUP)
class IncidentSummaryProjection implements ReadModel {

    static final String PROCESSING_GROUP = "incident-summary";

    private static final Logger log = LoggerFactory.getLogger(IncidentSummaryProjection.class);

    private final MongoOperations mongo;
    private final QueueUpdates queueUpdates;

    IncidentSummaryProjection(MongoOperations mongo, QueueUpdates queueUpdates) {
        this.mongo = mongo;
        this.queueUpdates = queueUpdates;
        IncidentSummaryCollection.ensureIndexes(mongo);
        long copied = ActiveIncidentSummaries.create(mongo);
        if (copied > 0) {
            log.info("Created {} with the summaries of {} active incidents", ActiveIncidentSummaries.NAME, copied);
        }
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long sequenceNumber) {
        DocumentBatch<ProjectedIncident> summaries = BatchWriters.current(IncidentSummaryCollection.NAME,
                messages -> DocumentBatch.load(mongo, ProjectedIncident.class, IncidentSummaryCollection.NAME,
                        IncidentIds.of(messages)));
        ActiveIncidentSummaries active = BatchWriters.current(ActiveIncidentSummaries.NAME,
                messages -> new ActiveIncidentSummaries(mongo));
        String incidentId = event.incidentId().value();
        ProjectedIncident incident = summaries.find(incidentId);

        if (incident == null) {
            if (!(event instanceof IncidentReported)) {
                // Throwing keeps the processor retrying this event, which shows in its error state, instead of
                // building a summary without the reported values.
                throw new ReadModelStateMissingException("summary of incident " + incidentId + " is missing for "
                        + event.getClass().getSimpleName() + " at sequence " + sequenceNumber
                        + "; reset the " + PROCESSING_GROUP + " processor to rebuild the summaries");
            }
            incident = ProjectedIncident.unreported(event.incidentId());
        } else if (incident.hasApplied(sequenceNumber)) {
            log.debug("Skipping {} of incident {} at sequence {}: the summary is at sequence {}",
                    event.getClass().getSimpleName(), incidentId, sequenceNumber, incident.lastSequence());
            // A batch that failed between its two writes stored the summary but maybe not its copy: copy it again.
            active.changed(incidentId, incident);
            return;
        }

        // A queue page shows the summary, so a change inside a section updates it as much as entering or leaving.
        Set<String> queueSections = new LinkedHashSet<>(queueUpdates.sectionsOf(incident));
        incident.apply(event, sequenceNumber);
        summaries.changed(incidentId, incident);
        active.changed(incidentId, incident);
        queueSections.addAll(queueUpdates.sectionsOf(incident));
        queueUpdates.changed(queueSections);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(IncidentSummaryCollection.NAME, ActiveIncidentSummaries.NAME);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} and {} before a replay of the {} processor", IncidentSummaryCollection.NAME,
                ActiveIncidentSummaries.NAME, PROCESSING_GROUP);
        mongo.remove(new Query(), IncidentSummaryCollection.NAME);
        mongo.remove(new Query(), ActiveIncidentSummaries.NAME);
    }
}
