package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.sla.PublishServiceLevelPolicyCommand;
import dev.incidents.api.sla.SaveBusinessCalendarCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Saves the calendars and publishes the policy versions of the service levels file at start, each only when its id
 * has no version in the event store yet. Later changes go through the REST API, so editing the file does not
 * change a calendar or policy that exists.
 */
@Component
class ServiceLevelSeeder implements ApplicationRunner {

    /** Author of the versions that come from the file. */
    static final Actor FILE = Actor.rule("service-levels-file/v1");

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelSeeder.class);

    private final ServiceLevelSeed seed;
    private final ServiceLevelCatalogue catalogue;
    private final CommandGateway commandGateway;
    private final Clock clock;

    ServiceLevelSeeder(ServiceLevelSeed seed, ServiceLevelCatalogue catalogue, CommandGateway commandGateway,
                       Clock clock) {
        this.seed = seed;
        this.catalogue = catalogue;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    // NOTE: as with the organisation, the web server accepts requests a moment before this runner completes. An
    // incident reported in that moment on an empty event store gets no service level terms.
    @Override
    public void run(ApplicationArguments arguments) {
        for (ServiceLevelSeed.Calendar calendar : seed.calendars()) {
            if (catalogue.hasCalendar(calendar.id())) {
                log.info("Calendar {} has saved versions; the service levels file leaves it as it is", calendar.id());
                continue;
            }
            ServiceLevelVersion saved = commandGateway.sendAndWait(new SaveBusinessCalendarCommand(calendar.id(),
                    calendar.calendar(), FILE, clock.instant()));
            log.info("Saved calendar {} version {} from the service levels file", calendar.id(), saved.version());
        }

        for (ServiceLevelSeed.Policy policy : seed.policies()) {
            if (catalogue.hasPolicy(policy.id())) {
                log.info("Policy {} has published versions; the service levels file leaves it as it is", policy.id());
                continue;
            }
            for (ServiceLevelSeed.PolicyVersion version : policy.versions()) {
                ServiceLevelVersion published = commandGateway.sendAndWait(new PublishServiceLevelPolicyCommand(
                        policy.id(), version.effectiveFrom(), version.calendarId(), version.supportGroupCalendars(),
                        version.targets(), version.warningThreshold(), FILE, clock.instant()));
                log.info("Published policy {} version {} from the service levels file, effective from {}",
                        policy.id(), published.version(), version.effectiveFrom());
            }
        }

        if (!catalogue.hasPolicy(catalogue.policyId())) {
            log.warn("Policy {} (incidents.service-levels.policy) has no version: incidents get no service level"
                    + " clocks until one is published", catalogue.policyId());
        }
    }
}
