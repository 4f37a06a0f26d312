package dev.incidents.query.whatif;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.query.access.Rejections;
import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.incident.ProjectedIncident;
import dev.incidents.query.whatif.WhatIfRequest.IncidentFilters;
import dev.incidents.query.whatif.WhatIfRequest.IncidentIds;
import dev.incidents.query.whatif.WhatIfRequest.IncidentSelection;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns the incident selection of a what-if request into incident ids, from {@code incident_summaries}. An analyst
 * or admin may select every incident. A caller who is only a manager may select the incidents whose owner group or
 * assigned group is one they manage (with the groups below it).
 *
 * <p>Filters on group, priority and category are equality filters in MongoDB, and the report period is checked in
 * Java, because the embedded MongoDB server uses indexes for equality lookups only.
 */
@Component
class IncidentSelector {

    /** Roles that may judge any incident again. */
    static final Set<Role> READS_EVERY_INCIDENT = Set.of(Role.ANALYST, Role.ADMIN);

    /** Stored field of the category; {@link ProjectedIncident} names no constant for it. */
    private static final String CATEGORY = "category";
    private static final int LISTED_IDS = 20;

    private final MongoOperations mongo;

    IncidentSelector(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Returns the ids of the selected incidents: named ids in request order, filtered ones by report time. */
    List<String> select(Caller caller, IncidentSelection selection) {
        if (selection instanceof IncidentIds named) {
            return selectNamed(caller, named.ids());
        }
        return selectFiltered(caller, (IncidentFilters) selection);
    }

    private List<String> selectNamed(Caller caller, List<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include(ProjectedIncident.OWNER_GROUP, ProjectedIncident.ASSIGNED_GROUP);
        Map<String, Document> found = new LinkedHashMap<>();
        for (Document summary : mongo.find(query, Document.class, IncidentSummaryCollection.NAME)) {
            found.put(summary.getString("_id"), summary);
        }

        List<String> unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw incidentsNotFound(unknown);
        }

        if (!readsEveryIncident(caller)) {
            Set<String> managed = managedGroups(caller);
            List<String> outside = ids.stream()
                    .filter(id -> !involves(found.get(id), managed))
                    .toList();
            if (!outside.isEmpty()) {
                String incidents = (outside.size() == 1 ? "incident " : "incidents ") + listed(outside);
                throw Rejections.reject(caller, "what-if analysis of " + incidents, managerRule(caller, managed),
                        incidents + (outside.size() == 1 ? " is" : " are") + " not among them");
            }
        }
        return ids;
    }

    private List<String> selectFiltered(Caller caller, IncidentFilters filters) {
        List<Criteria> conditions = new ArrayList<>();
        if (filters.group() != null) {
            conditions.add(involving(Set.of(filters.group())));
        }
        if (filters.priority() != null) {
            conditions.add(Criteria.where(ProjectedIncident.PRIORITY).is(filters.priority().name()));
        }
        if (filters.category() != null) {
            conditions.add(Criteria.where(CATEGORY).is(filters.category()));
        }
        if (!readsEveryIncident(caller)) {
            Set<String> managed = managedGroups(caller);
            if (filters.group() != null && !managed.contains(filters.group())) {
                throw Rejections.reject(caller, "what-if analysis of group " + filters.group(),
                        managerRule(caller, managed), "group " + filters.group() + " is not among them");
            }
            conditions.add(managed.isEmpty() ? Criteria.where("_id").is(null) : involving(managed));
        }

        Query query = conditions.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(conditions));
        query.fields().include(ProjectedIncident.REPORTED_AT);
        List<Matched> matched = new ArrayList<>();
        for (Document summary : mongo.find(query, Document.class, IncidentSummaryCollection.NAME)) {
            Date reportedAt = summary.getDate(ProjectedIncident.REPORTED_AT);
            if (reportedAt != null && inPeriod(reportedAt.toInstant(), filters)) {
                matched.add(new Matched(summary.getString("_id"), reportedAt.toInstant()));
            }
        }

        if (matched.size() > WhatIfRequest.MAX_INCIDENTS) {
            throw new InvalidWhatIfRequestException("filters", matched.size() + " incidents", "are more than the "
                    + WhatIfRequest.MAX_INCIDENTS + " one analysis judges; narrow the period from/to or add group,"
                    + " priority or category");
        }
        matched.sort(Comparator.comparing(Matched::reportedAt).thenComparing(Matched::id));
        return matched.stream().map(Matched::id).toList();
    }

    private static boolean inPeriod(Instant reportedAt, IncidentFilters filters) {
        boolean afterFrom = filters.from() == null || !reportedAt.isBefore(filters.from());
        boolean beforeTo = filters.to() == null || reportedAt.isBefore(filters.to());
        return afterFrom && beforeTo;
    }

    private static Criteria involving(Set<String> groups) {
        return new Criteria().orOperator(Criteria.where(ProjectedIncident.OWNER_GROUP).in(groups),
                Criteria.where(ProjectedIncident.ASSIGNED_GROUP).in(groups));
    }

    private static boolean involves(Document summary, Set<String> groups) {
        String owner = summary.getString(ProjectedIncident.OWNER_GROUP);
        String assigned = summary.getString(ProjectedIncident.ASSIGNED_GROUP);
        return (owner != null && groups.contains(owner)) || (assigned != null && groups.contains(assigned));
    }

    static boolean readsEveryIncident(Caller caller) {
        return caller.roles().stream().anyMatch(READS_EVERY_INCIDENT::contains);
    }

    private static Set<String> managedGroups(Caller caller) {
        if (!caller.has(Role.MANAGER)) {
            return Set.of();
        }
        return caller.managedGroups().stream().map(SupportGroupId::value).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String managerRule(Caller caller, Set<String> managed) {
        if (managed.isEmpty()) {
            return "user " + caller.user() + " manages no support group, so may judge no incidents again";
        }
        return "user " + caller.user() + " may judge again only incidents owned by or assigned to "
                + String.join(", ", managed);
    }

    private static String listed(List<String> ids) {
        String firstIds = ids.stream().limit(LISTED_IDS).collect(Collectors.joining(", "));
        return ids.size() > LISTED_IDS ? firstIds + " and " + (ids.size() - LISTED_IDS) + " more" : firstIds;
    }

    private static ErrorResponseException incidentsNotFound(List<String> ids) {
        String detail = (ids.size() == 1 ? "No incident with id '" + ids.get(0) + "' exists"
                : "No incidents with the ids " + listed(ids) + " exist") + " in the read model. An incident"
                + " reported moments ago appears once GET /api/projections reports caughtUp.";
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ErrorCode.INCIDENT_NOT_FOUND, "Incident not found",
                detail);
        problem.setProperty("incidentIds", ids);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private record Matched(String id, Instant reportedAt) {
    }
}
