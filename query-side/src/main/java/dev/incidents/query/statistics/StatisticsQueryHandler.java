package dev.incidents.query.statistics;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ComparisonOperators;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.stereotype.Component;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.query.FetchStatisticsQuery;
import dev.incidents.api.query.IncidentStatistics;
import dev.incidents.query.access.Rejections;
import dev.incidents.query.audit.AuditTrailCollection;
import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Computes the incident statistics from the read models: one aggregation over {@code incident_summaries} grouped by
 * state, and the sum of the entry counts in {@code audit_trails}. The two collections belong to different processors,
 * so right after new events the figures can come from slightly different positions in the event stream.
 */
@Component
class StatisticsQueryHandler {

    /** Roles that may read figures over all incidents, which include counts of incidents outside their groups. */
    static final Set<Role> READERS = EnumSet.of(Role.SERVICE_DESK, Role.MANAGER, Role.AUDITOR, Role.ANALYST,
            Role.ADMIN);

    private final MongoOperations mongo;

    StatisticsQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    IncidentStatistics handle(FetchStatisticsQuery query) {
        checkAllowed(query.caller());

        Map<IncidentState, Long> byState = new EnumMap<>(IncidentState.class);
        for (IncidentState state : IncidentState.values()) {
            byState.put(state, 0L);
        }
        long incidents = 0;
        long reassignments = 0;
        long reassignedIncidents = 0;
        long reopens = 0;
        long reopenedIncidents = 0;

        for (Document figures : mongo.aggregate(figuresByState(), IncidentSummaryCollection.NAME, Document.class)) {
            long count = number(figures, "incidents");
            byState.put(IncidentState.valueOf(figures.getString("_id")), count);
            incidents += count;
            reassignments += number(figures, "reassignments");
            reassignedIncidents += number(figures, "reassignedIncidents");
            reopens += number(figures, "reopens");
            reopenedIncidents += number(figures, "reopenedIncidents");
        }
        long auditEntries = countAuditEntries();

        return new IncidentStatistics(incidents, byState, reassignments, reassignedIncidents, reopens,
                reopenedIncidents, auditEntries);
    }

    private static void checkAllowed(Caller caller) {
        if (caller.roles().stream().noneMatch(READERS::contains)) {
            String roles = caller.roles().isEmpty() ? "no role"
                    : caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", "));
            throw Rejections.reject(caller, "statistics",
                    "user " + caller.user() + " may read statistics only with one of the roles "
                            + READERS.stream().map(Role::name).collect(Collectors.joining(", ")),
                    caller.user() + " holds " + roles);
        }
    }

    private static Aggregation figuresByState() {
        return Aggregation.newAggregation(Aggregation.group(ProjectedIncident.STATE)
                .count().as("incidents")
                .sum(ProjectedIncident.REASSIGNMENT_COUNT).as("reassignments")
                .sum(countWhenPositive(ProjectedIncident.REASSIGNMENT_COUNT)).as("reassignedIncidents")
                .sum(ProjectedIncident.REOPEN_COUNT).as("reopens")
                .sum(countWhenPositive(ProjectedIncident.REOPEN_COUNT)).as("reopenedIncidents"));
    }

    private long countAuditEntries() {
        Aggregation total = Aggregation.newAggregation(
                Aggregation.group().sum(AuditTrailCollection.ENTRY_COUNT).as("entries"));
        Document figures = mongo.aggregate(total, AuditTrailCollection.NAME, Document.class).getUniqueMappedResult();
        return figures == null ? 0 : number(figures, "entries");
    }

    /** Returns an expression that is 1 for a document whose field is above zero and 0 otherwise. */
    private static ConditionalOperators.Cond countWhenPositive(String field) {
        return ConditionalOperators.when(ComparisonOperators.Gt.valueOf(field).greaterThanValue(0))
                .then(1)
                .otherwise(0);
    }

    /** Reads a sum, which MongoDB returns as an Integer or a Long depending on its size. */
    private static long number(Document figures, String field) {
        Object value = figures.get(field);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
