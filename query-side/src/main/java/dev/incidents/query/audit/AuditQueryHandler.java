package dev.incidents.query.audit;

import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;

/** Handles history queries by reading {@code audit_entries}. */
@Component
class AuditQueryHandler {

    private final MongoOperations mongo;

    AuditQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    List<AuditEntry> handle(FetchIncidentHistoryQuery query) {
        Query byIncident = Query.query(Criteria.where(AuditEntryDocument.INCIDENT_ID).is(query.incidentId().value()))
                .with(Sort.by(AuditEntryDocument.SEQUENCE_NUMBER));
        return mongo.find(byIncident, AuditEntryDocument.class, AuditCollections.ENTRIES).stream()
                .map(AuditEntryDocument::toAuditEntry)
                .toList();
    }
}
