package dev.incidents.query.export;

import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.incident.ProjectedIncident;
import org.bson.Document;
import org.springframework.data.domain.Sort;
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
 * Finds the incidents of an {@link ExportSelection} in {@code incident_summaries}, for the CSV and the XES export.
 * Group and state are equality filters on fields the summary collection indexes, and the report period is a range
 * filter on the documents they match. The embedded MongoDB server uses indexes for equality lookups only, so the
 * range is checked on each matched document.
 */
@Component
class ExportSelector {

    private final MongoOperations mongo;

    ExportSelector(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Returns the ids of all selected incidents, ordered by report time and then id, as the XES export writes them.
     * Only the id and report time of each summary are read and kept, about 100 bytes per incident.
     */
    List<String> byReportTime(ExportSelection selection) {
        Query query = Query.query(criteria(selection));
        query.fields().include(ProjectedIncident.REPORTED_AT);

        List<Selected> selected = new ArrayList<>();
        try (Stream<Document> summaries = mongo.stream(query, Document.class, IncidentSummaryCollection.NAME)) {
            summaries.forEach(summary -> {
                // The summary projection creates a summary from its report, so only a malformed document lacks the time.
                Date reportedAt = summary.getDate(ProjectedIncident.REPORTED_AT);
                if (reportedAt != null) {
                    selected.add(new Selected(summary.getString("_id"), reportedAt.toInstant()));
                }
            });
        }
        selected.sort(Comparator.comparing(Selected::reportedAt).thenComparing(Selected::id));
        return selected.stream().map(Selected::id).toList();
    }

    /**
     * Returns up to {@code pageSize} ids of selected incidents in ascending id order, as the CSV export writes them:
     * those after {@code afterId}, or from the first when it is null.
     */
    List<String> page(ExportSelection selection, String afterId, int pageSize) {
        Criteria criteria = criteria(selection);
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }

        Query query = Query.query(criteria).with(Sort.by("_id")).limit(pageSize);
        query.fields().include("_id");
        return mongo.find(query, Document.class, IncidentSummaryCollection.NAME).stream()
                .map(document -> document.getString("_id"))
                .toList();
    }

    private static Criteria criteria(ExportSelection selection) {
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
        return criteria;
    }

    private record Selected(String id, Instant reportedAt) {
    }
}
