package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Values;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.PublishServiceLevelPolicyCommand;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.command.incident.SupportGroupDirectory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The published versions of one service level policy. Each publication is the next version; an incident keeps the
 * version it was reported under, so publishing never changes recorded outcomes.
 */
@Aggregate(commandTargetResolver = ServiceLevelStreams.TARGET_RESOLVER)
public class ServiceLevelPolicyHistory {

    private static final Instant FIRST_EFFECTIVE_FROM = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant AFTER_LAST_EFFECTIVE_FROM = Instant.parse("+10000-01-01T00:00:00Z");

    @AggregateIdentifier
    private String streamId;
    private int version;

    protected ServiceLevelPolicyHistory() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ServiceLevelVersion handle(PublishServiceLevelPolicyCommand command, CalendarDirectory calendars,
                               SupportGroupDirectory groups) {
        String policyId = ServiceLevelIds.require("policy", command.policyId());
        String subject = "Cannot publish version " + (version + 1) + " of policy " + policyId + ": ";
        if (command.effectiveFrom() == null) {
            throw new InvalidServiceLevelException(subject + "effectiveFrom is missing. Give the instant from which"
                    + " the version applies, such as 2025-03-10T00:00:00Z.");
        }
        requireCalendar(subject, "calendar", command.calendarId(), calendars);
        Map<String, String> groupCalendars = command.supportGroupCalendars() == null ? Map.of()
                : command.supportGroupCalendars();
        for (Map.Entry<String, String> entry : groupCalendars.entrySet()) {
            requireListedGroup(subject, entry.getKey(), groups);
            requireCalendar(subject, "supportGroupCalendars." + entry.getKey(), entry.getValue(), calendars);
        }
        List<String> missing = ServiceLevelDefinitions.missingPriorities(command.targets());
        if (!missing.isEmpty()) {
            throw new InvalidServiceLevelException(subject + "targets lack " + String.join(", ", missing)
                    + ". Give response and resolution targets for every priority P1 to P5.");
        }
        requireTargetBounds(subject, command.targets());
        Instant effectiveFrom = requireEffectiveFrom(subject, command.effectiveFrom());
        double threshold = command.warningThreshold();
        if (!(threshold > 0 && threshold <= 1)) {
            throw new InvalidServiceLevelException(subject + "warningThreshold " + threshold + " is outside (0, 1]."
                    + " Give the fraction of a target at which to warn, above 0 and at most 1, such as 0.75.");
        }

        Map<Priority, ServiceLevelTargets> targets = command.targets();
        ServiceLevelPolicy policy = new ServiceLevelPolicy(policyId, version + 1, effectiveFrom, targets,
                threshold);
        requireReachableTargets(subject, policy, command, groupCalendars, calendars);
        apply(new ServiceLevelPolicyPublished(policy, command.calendarId(), groupCalendars, command.actor(),
                command.occurredAt()));
        return new ServiceLevelVersion(policyId, version, true);
    }

    @EventSourcingHandler
    void on(ServiceLevelPolicyPublished event) {
        streamId = ServiceLevelStreams.policy(event.policyId());
        version = event.policy().version();
    }

    private static void requireTargetBounds(String subject, Map<Priority, ServiceLevelTargets> targets) {
        for (Map.Entry<Priority, ServiceLevelTargets> entry : targets.entrySet()) {
            String field = "targets." + ServiceLevelDefinitions.key(entry.getKey());
            ServiceLevelTargets target = entry.getValue();
            requireTargetBounds(subject, field + ".response", target.response());
            requireTargetBounds(subject, field + ".resolution", target.resolution());
            requireTargetBounds(subject, field + ".supportGroupResponse", target.supportGroupResponse());
        }
    }

    private static void requireTargetBounds(String subject, String field, Duration target) {
        String problem = ServiceLevelDefinitions.targetBoundsProblem(target);
        if (problem != null) {
            throw new InvalidServiceLevelException(subject + field + " " + target + " " + problem + ".");
        }
    }

    /**
     * Requires an effective-from instant in the years 1970 to 9999 (UTC) and returns it truncated to the
     * millisecond, the precision of every business time the command side records.
     */
    private static Instant requireEffectiveFrom(String subject, Instant effectiveFrom) {
        if (effectiveFrom.isBefore(FIRST_EFFECTIVE_FROM) || !effectiveFrom.isBefore(AFTER_LAST_EFFECTIVE_FROM)) {
            throw new InvalidServiceLevelException(subject + "effectiveFrom " + effectiveFrom + " is outside the"
                    + " years 1970 to 9999. Give the instant from which the version applies, such as"
                    + " 2025-03-10T00:00:00Z.");
        }
        return effectiveFrom.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Requires every target to be countable on each calendar it runs on, from the publication and from the
     * effective-from instant. Without this check a calendar with holidays on every open day, or a target beyond
     * the calendar's search years, would make every report under the version fail to compute its clocks.
     */
    private static void requireReachableTargets(String subject, ServiceLevelPolicy policy,
                                                PublishServiceLevelPolicyCommand command,
                                                Map<String, String> groupCalendars, CalendarDirectory calendars) {
        Map<String, NamedCalendar> named = new HashMap<>();
        groupCalendars.forEach((group, calendarId) -> named.put(group, calendars.latestCalendar(calendarId)));
        ServiceLevelTerms terms = new ServiceLevelTerms(policy, calendars.latestCalendar(command.calendarId()),
                named);

        for (Instant from : List.of(command.occurredAt(), policy.effectiveFrom())) {
            Optional<String> problem = terms.unreachableTarget(from);
            if (problem.isPresent()) {
                throw new InvalidServiceLevelException(subject + problem.get() + ". Give a shorter target, or"
                        + " opening hours and holidays that leave enough open time within "
                        + BusinessCalendar.SEARCH_YEARS + " years.");
            }
        }
    }

    private static void requireCalendar(String subject, String field, String calendarId,
                                        CalendarDirectory calendars) {
        if (calendarId == null || calendarId.isBlank()) {
            throw new InvalidServiceLevelException(subject + field + " is missing. Name a saved calendar.");
        }
        if (calendars.latestCalendar(calendarId) == null) {
            throw new InvalidServiceLevelException(subject + field + " names calendar '"
                    + Values.truncate(calendarId) + "', which was never saved. Save it first with"
                    + " PUT /api/service-levels/calendars/" + Values.truncate(calendarId) + ", or name a saved one.");
        }
    }

    private static void requireListedGroup(String subject, String group, SupportGroupDirectory groups) {
        boolean listed;
        try {
            listed = groups.contains(new SupportGroupId(group));
        } catch (IllegalArgumentException | NullPointerException e) {
            listed = false;
        }
        if (!listed) {
            throw new InvalidServiceLevelException(subject + "supportGroupCalendars names '" + Values.truncate(group)
                    + "', which is not a support group of the organisation. Name a group listed in the"
                    + " organisation file.");
        }
    }
}
