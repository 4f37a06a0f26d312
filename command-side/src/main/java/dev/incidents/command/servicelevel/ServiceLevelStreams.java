package dev.incidents.command.servicelevel;

import dev.incidents.api.sla.PublishServiceLevelPolicyCommand;
import dev.incidents.api.sla.SaveBusinessCalendarCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Aggregate identifiers of calendars and policies in the event store. The store keys events by identifier alone,
 * so a calendar and a policy with the same id, or either with an incident's id, would share one stream. A prefix
 * per kind keeps them apart.
 */
public final class ServiceLevelStreams {

    /** Bean name of the resolver that routes the commands to the prefixed aggregate identifiers. */
    public static final String TARGET_RESOLVER = "serviceLevelTargetResolver";

    private ServiceLevelStreams() {
    }

    public static String calendar(String calendarId) {
        return "business-calendar:" + calendarId;
    }

    public static String policy(String policyId) {
        return "service-level-policy:" + policyId;
    }

    /** Resolves the calendar and policy commands to the prefixed identifiers of their aggregates. */
    static final class TargetResolver implements CommandTargetResolver {

        private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

        @Override
        public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
            Object payload = command.getPayload();
            if (payload instanceof SaveBusinessCalendarCommand save) {
                return new VersionedAggregateIdentifier(calendar(ServiceLevelIds.require("calendar",
                        save.calendarId())), null);
            }
            if (payload instanceof PublishServiceLevelPolicyCommand publish) {
                return new VersionedAggregateIdentifier(policy(ServiceLevelIds.require("policy",
                        publish.policyId())), null);
            }
            // Other aggregates' commands name their target with @TargetAggregateIdentifier, should Axon ask this
            // resolver for them.
            return annotated.resolveTarget(command);
        }
    }
}
