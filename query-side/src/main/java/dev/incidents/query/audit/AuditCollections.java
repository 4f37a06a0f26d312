package dev.incidents.query.audit;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/** The collections of the audit trail. */
public final class AuditCollections {

    /** One {@link AuditEntryDocument} per event, keyed by event identifier. */
    public static final String ENTRIES = "audit_entries";

    /** The audit projection's own copy of each incident's current values, to know the old value of each change. */
    public static final String STATES = "audit_states";

    private AuditCollections() {
    }

    /**
     * Creates the unique index on incident id and sequence number, which serves the history query and rejects a
     * second entry for the same position in an incident's event stream.
     */
    static void ensureIndexes(MongoOperations mongo) {
        mongo.indexOps(ENTRIES).ensureIndex(new Index()
                .on(AuditEntryDocument.INCIDENT_ID, Sort.Direction.ASC)
                .on(AuditEntryDocument.SEQUENCE_NUMBER, Sort.Direction.ASC)
                .unique());
    }
}
