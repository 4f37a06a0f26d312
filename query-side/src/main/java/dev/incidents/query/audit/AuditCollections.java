package dev.incidents.query.audit;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/** The collections of the audit trail. */
public final class AuditCollections {

    /** One {@link AuditEntryDocument} per event, keyed by the event's position in its incident's event stream. */
    public static final String ENTRIES = "audit_entries";

    /** The audit projection's own copy of each incident's current values, to know the old value of each change. */
    public static final String STATES = "audit_states";

    private static final Logger log = LoggerFactory.getLogger(AuditCollections.class);

    private AuditCollections() {
    }

    /**
     * Creates the index on incident id and sequence number behind the history query. It is not unique, because the
     * entry id already is the position. A second unique index would double the index work of every insert, which the
     * embedded mongo-java-server 1.47 makes expensive by serializing keys to compare them. That server ignores
     * non-unique indexes, so there the history query scans the collection.
     *
     * <p>A store whose entries were keyed by event id has a unique index on the same fields, which this method
     * drops, because MongoDB rejects an index that differs from an existing one only in its options.
     */
    static void ensureIndexes(MongoOperations mongo) {
        IndexOperations indexes = mongo.indexOps(ENTRIES);
        Index history = new Index()
                .on(AuditEntryDocument.INCIDENT_ID, Sort.Direction.ASC)
                .on(AuditEntryDocument.SEQUENCE_NUMBER, Sort.Direction.ASC);

        for (IndexInfo existing : indexes.getIndexInfo()) {
            if (existing.isUnique() && existing.isIndexForFields(
                    List.of(AuditEntryDocument.INCIDENT_ID, AuditEntryDocument.SEQUENCE_NUMBER))) {
                log.info("Dropping unique index {} of {}: entries are unique by their id", existing.getName(), ENTRIES);
                indexes.dropIndex(existing.getName());
            }
        }
        indexes.ensureIndex(history);
    }
}
