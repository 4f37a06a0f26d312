package dev.incidents.query.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;

import dev.incidents.query.incident.ProjectedIncidentBatch;
import dev.incidents.query.projection.BatchWriter;

/**
 * The audit entries that a processor batch adds and the audit states it changes. The entries are written first and
 * the states after them. A batch redelivered after a crash between the two writes computes the same entries again
 * from the old states. Their inserts then fail as duplicates, which is accepted when the stored entry has the same
 * event id.
 */
final class AuditTrailBatch implements BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailBatch.class);

    private final MongoOperations mongo;
    private final ProjectedIncidentBatch states;
    private final List<AuditEntryDocument> entries = new ArrayList<>();

    private AuditTrailBatch(MongoOperations mongo, ProjectedIncidentBatch states) {
        this.mongo = mongo;
        this.states = states;
    }

    /** Starts the batch of {@code messages}, loading the audit states of their incidents. */
    static AuditTrailBatch load(MongoOperations mongo, List<EventMessage<?>> messages) {
        return new AuditTrailBatch(mongo, ProjectedIncidentBatch.load(mongo, AuditCollections.STATES, messages));
    }

    ProjectedIncidentBatch states() {
        return states;
    }

    void add(AuditEntryDocument entry) {
        entries.add(entry);
    }

    @Override
    public void write() {
        insertEntries();
        states.write();
    }

    /** Inserts the entries with one unordered bulk write and checks every entry that was already stored. */
    private void insertEntries() {
        if (entries.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AuditEntryDocument.class,
                AuditCollections.ENTRIES);
        bulk.insert(entries);
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            checkDuplicates(e);
        }
        entries.clear();
    }

    /**
     * Accepts a failed bulk insert when every error is a duplicate id and the stored entry has the same event id.
     *
     * @throws BulkOperationException when another error occurred
     * @throws IllegalStateException when an entry's position already has an entry of another event
     */
    private void checkDuplicates(BulkOperationException e) {
        Map<String, AuditEntryDocument> duplicates = new HashMap<>();
        for (BulkWriteError error : e.getErrors()) {
            boolean knownEntry = error.getIndex() >= 0 && error.getIndex() < entries.size();
            if (!knownEntry || ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            AuditEntryDocument entry = entries.get(error.getIndex());
            duplicates.put(entry.id(), entry);
        }

        Query stored = Query.query(Criteria.where("_id").in(duplicates.keySet()));
        stored.fields().include(AuditEntryDocument.EVENT_ID);
        List<String> conflicts = new ArrayList<>();
        for (Document existing : mongo.find(stored, Document.class, AuditCollections.ENTRIES)) {
            AuditEntryDocument entry = duplicates.remove(existing.getString("_id"));
            String storedEventId = existing.getString(AuditEntryDocument.EVENT_ID);
            if (entry != null && !entry.eventId().equals(storedEventId)) {
                conflicts.add("incident " + entry.incidentId() + " at sequence " + entry.sequenceNumber()
                        + " has an entry for event " + storedEventId + ", not " + entry.eventId());
            }
        }
        if (!duplicates.isEmpty()) {
            // The stored entries that caused the errors are gone, so the failed inserts are retried with the batch.
            throw e;
        }
        if (!conflicts.isEmpty()) {
            // The event store and the audit trail disagree, and a retry cannot fix that on its own.
            throw new IllegalStateException("audit entries already exist with another event id: " + conflicts
                    + "; reset the " + AuditTrailProjection.PROCESSING_GROUP + " processor to rebuild the audit trail",
                    e);
        }
        log.debug("{} audit entries of a redelivered batch were already stored", e.getErrors().size());
    }
}
