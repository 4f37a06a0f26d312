package dev.incidents.query.export;

import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.incident.ProjectedIncident;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;

/**
 * Pages through the ids of the incidents an {@link ExportSelection} covers, in ascending id order, from the incident
 * summaries. The group and state filters are equality lookups on fields the summary collection indexes, and the
 * report period is a range filter on the documents they match.
 */
@Component
class SelectedIncidents {

    private final MongoOperations mongo;

    SelectedIncidents(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Returns up to {@code pageSize} ids of selected incidents after {@code afterId}, or from the first when null. */
    List<String> page(ExportSelection selection, String afterId, int pageSize) {
        Criteria criteria = new Criteria();
        if (selection.state() != null) {
            criteria = criteria.and(ProjectedIncident.STATE).is(selection.state().name());
        }
        if (selection.group() != null) {
            criteria = criteria.and(ProjectedIncident.ASSIGNED_GROUP).is(selection.group().value());
        }
        if (selection.from() != null || selection.to() != null) {
            Criteria reportedAt = criteria.and(ProjectedIncident.REPORTED_AT);
            if (selection.from() != null) {
                reportedAt = reportedAt.gte(Date.from(selection.from()));
            }
            if (selection.to() != null) {
                reportedAt.lt(Date.from(selection.to()));
            }
        }
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }

        Query query = Query.query(criteria).with(Sort.by("_id")).limit(pageSize);
        query.fields().include("_id");
        return mongo.find(query, Document.class, IncidentSummaryCollection.NAME).stream()
                .map(document -> document.getString("_id"))
                .toList();
    }
}
