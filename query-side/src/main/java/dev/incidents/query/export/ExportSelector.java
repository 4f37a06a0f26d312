package dev.incidents.query.export;

import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.incident.ProjectedIncident;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the incidents of an export in {@code incident_summaries}. Group and state are equality filters in MongoDB,
 * and the report period is checked in Java, because the embedded MongoDB server uses indexes for equality lookups
 * only.
 */
@Component
class ExportSelector {

    private final MongoOperations mongo;

    ExportSelector(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Returns the ids of the selected incidents, ordered by report time and then id. Only the id and report time of
     * each summary are read and kept, about 100 bytes per incident.
     */
    List<String> select(ExportFilters filters) {
        List<Criteria> conditions = new ArrayList<>();
        if (filters.group() != null) {
            conditions.add(Criteria.where(ProjectedIncident.ASSIGNED_GROUP).is(filters.group()));
        }
        if (filters.state() != null) {
            conditions.add(Criteria.where(ProjectedIncident.STATE).is(filters.state().name()));
        }
        Query query = conditions.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(conditions));
        query.fields().include(ProjectedIncident.REPORTED_AT);

        List<Selected> selected = new ArrayList<>();
        try (Stream<Document> summaries = mongo.stream(query, Document.class, IncidentSummaryCollection.NAME)) {
            summaries.forEach(summary -> {
                Date reportedAt = summary.getDate(ProjectedIncident.REPORTED_AT);
                if (reportedAt != null && filters.inPeriod(reportedAt.toInstant())) {
                    selected.add(new Selected(summary.getString("_id"), reportedAt.toInstant()));
                }
            });
        }
        selected.sort(Comparator.comparing(Selected::reportedAt).thenComparing(Selected::id));
        return selected.stream().map(Selected::id).toList();
    }

    private record Selected(String id, Instant reportedAt) {
    }
}
