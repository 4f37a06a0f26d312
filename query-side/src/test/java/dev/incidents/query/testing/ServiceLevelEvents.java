package dev.incidents.query.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;

/**
 * Service level terms and the events that carry them. Calendars are open around the clock in UTC unless a test
 * passes its own, so business time equals wall-clock time.
 */
public final class ServiceLevelEvents {

    public static final String POLICY = "standard";
    public static final NamedCalendar ALWAYS_OPEN = new NamedCalendar("24x7", 1,
            BusinessCalendar.alwaysOpen(ZoneOffset.UTC));

    private ServiceLevelEvents() {
    }

    /** Returns terms whose every priority allows {@code response} and {@code resolution}, warning at 75 %. */
    public static ServiceLevelTerms terms(int version, Instant effectiveFrom, Duration response, Duration resolution) {
        return terms(version, effectiveFrom, response, resolution, ALWAYS_OPEN);
    }

    public static ServiceLevelTerms terms(int version, Instant effectiveFrom, Duration response, Duration resolution,
                                         NamedCalendar calendar) {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            targets.put(priority, new ServiceLevelTargets(response, resolution));
        }
        ServiceLevelPolicy policy = new ServiceLevelPolicy(POLICY, version, effectiveFrom, targets);
        return new ServiceLevelTerms(policy, calendar, Map.of());
    }

    /** Creates the report of a P3 incident (impact and urgency MEDIUM) of category {@code network}. */
    public static IncidentReported reported(String id, ServiceLevelTerms terms, Instant at) {
        return reported(id, Impact.MEDIUM, Urgency.MEDIUM, "network", terms, at);
    }

    public static IncidentReported reported(String id, Impact impact, Urgency urgency, String category,
                                            ServiceLevelTerms terms, Instant at) {
        return new IncidentReported(new IncidentId(id), "VPN drops every few minutes", "Since the update on Monday",
                new UserId("carol"), category, impact, urgency, Priority.of(impact, urgency),
                new SupportGroupId(TestEvents.SERVICE_DESK), terms, TestEvents.DESK_ANALYST, at);
    }

    public static ServiceLevelWarningRaised warning(String id, ServiceLevelClockKind clock, ServiceLevelTerms terms,
                                                    Instant at) {
        ServiceLevelPolicy policy = terms.policy();
        return new ServiceLevelWarningRaised(new IncidentId(id), clock, null, Priority.P3_MODERATE,
                targetOf(policy, clock), policy.id(), policy.version(), rule(policy), at);
    }

    public static ServiceLevelBreached breach(String id, ServiceLevelClockKind clock, ServiceLevelTerms terms,
                                              Instant at) {
        ServiceLevelPolicy policy = terms.policy();
        return new ServiceLevelBreached(new IncidentId(id), clock, null, Priority.P3_MODERATE,
                targetOf(policy, clock), policy.id(), policy.version(), rule(policy), at);
    }

    private static Duration targetOf(ServiceLevelPolicy policy, ServiceLevelClockKind clock) {
        ServiceLevelTargets targets = policy.targetsFor(Priority.P3_MODERATE);
        return clock == ServiceLevelClockKind.RESOLUTION ? targets.resolution() : targets.response();
    }

    private static Actor rule(ServiceLevelPolicy policy) {
        return Actor.rule("sla/" + policy.id() + "/v" + policy.version());
    }
}
