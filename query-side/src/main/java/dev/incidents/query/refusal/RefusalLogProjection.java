package dev.incidents.query.refusal;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.refusal.CommandRefused;
import dev.incidents.query.projection.ReadModel;

/**
 * Keeps the refusal log in {@code refusals}: one document per {@link CommandRefused} event, keyed by the event's
 * identifier, so an event delivered again replaces its own document and the projection stays idempotent.
 */
@Component
@ProcessingGroup(RefusalLogProjection.PROCESSING_GROUP)
class RefusalLogProjection implements ReadModel {

    static final String PROCESSING_GROUP = "refusal-log";
    static final String COLLECTION = "refusals";

    private static final Logger log = LoggerFactory.getLogger(RefusalLogProjection.class);

    private final MongoOperations mongo;

    RefusalLogProjection(MongoOperations mongo) {
        this.mongo = mongo;
        // The filters of RefusalQueryHandler: the refusals of one incident, of one user, and of a time range or of
        // no filter, newest first. The embedded MongoDB server serves the equality on the incident and the user.
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on(RefusalDocument.INCIDENT_ID, Sort.Direction.ASC));
        indexes.createIndex(new Index().on(RefusalDocument.USER, Sort.Direction.ASC)
                .on(RefusalDocument.RECORDED_AT, Sort.Direction.DESC));
        indexes.createIndex(new Index().on(RefusalDocument.RECORDED_AT, Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC));
    }

    @EventHandler
    void on(CommandRefused refused, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        mongo.save(RefusalDocument.of(eventId, refused, recordedAt), COLLECTION);
        log.debug("Projected the refusal {} of {} of incident {}", eventId, refused.command(), refused.incidentId());
    }


    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} before a replay of the {} processor", COLLECTION, PROCESSING_GROUP);
        mongo.remove(new Query(), COLLECTION);
    }
}
