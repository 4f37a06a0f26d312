package dev.incidents.query.audit;

import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;

/** Handles history queries by reading the incident's document in {@code audit_trails}. */
@Component
class AuditQueryHandler {

    private final MongoOperations mongo;

    AuditQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Returns the incident's entries in sequence order, or an empty list when the incident has no trail. */
    @QueryHandler
    List<AuditEntry> handle(FetchIncidentHistoryQuery query) {
        AuditTrailDocument trail = mongo.findById(query.incidentId().value(), AuditTrailDocument.class,
                AuditTrailCollection.NAME);
        if (trail == null) {
            return List.of();
        }
        return trail.entries().stream()
                .map(entry -> entry.toAuditEntry(query.incidentId()))
                .toList();
    }
}
