package dev.incidents.query.whatif;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ServiceLevelTargets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A what-if analysis: which incidents to judge again, and by which policy and calendar.
 *
 * @param calendar the calendar to count business time on; null for the calendar the policy names
 */
record WhatIfRequest(IncidentSelection incidents, PolicyChoice policy, CalendarChoice calendar) {

    /** Most incidents one analysis judges, whether named by id or matched by filters. */
    static final int MAX_INCIDENTS = 1000;

    WhatIfRequest {
        Objects.requireNonNull(incidents, "incident selection is missing");
        Objects.requireNonNull(policy, "policy is missing");
    }

    /** The incidents an analysis judges. */
    sealed interface IncidentSelection {
    }

    /** Incidents named by id, in request order, each once. */
    record IncidentIds(List<String> ids) implements IncidentSelection {

        IncidentIds {
            ids = List.copyOf(ids);
        }
    }

    /**
     * Incidents matched by filters, each optional.
     *
     * @param from  first instant of the report period, inclusive
     * @param to    end of the report period, exclusive
     * @param group owner group or assigned group
     */
    record IncidentFilters(Instant from, Instant to, String group, Priority priority, String category)
            implements IncidentSelection {
    }

    /** The policy of the analysis. */
    sealed interface PolicyChoice {
    }

    /**
     * A published policy version.
     *
     * @param version the version number, or null for the latest
     */
    record PolicyReference(String id, Integer version) implements PolicyChoice {
    }

    /** Targets given in the request, for an unpublished policy. */
    record InlinePolicy(Map<Priority, ServiceLevelTargets> targets, double warningThreshold) implements PolicyChoice {

        InlinePolicy {
            targets = Map.copyOf(targets);
        }
    }

    /** The calendar of the analysis. */
    sealed interface CalendarChoice {
    }

    /**
     * A saved calendar version.
     *
     * @param version the version number, or null for the latest
     */
    record CalendarReference(String id, Integer version) implements CalendarChoice {
    }

    /** Opening hours given in the request. */
    record InlineCalendar(BusinessCalendar calendar) implements CalendarChoice {
    }
}
