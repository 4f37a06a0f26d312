package dev.incidents.command.organisation;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.api.organisation.PublishOrganisationCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Publishes the organisation file's content at start. The aggregate records a new version only when the content
 * hash differs from the latest version, so restarts with an unchanged file add nothing to the event store.
 */
@Component
class OrganisationPublisher implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OrganisationPublisher.class);

    private final Organisation organisation;
    private final CommandGateway commandGateway;
    private final PublishedOrganisationVersion publishedVersion;
    private final Clock clock;

    OrganisationPublisher(Organisation organisation, CommandGateway commandGateway,
                          PublishedOrganisationVersion publishedVersion, Clock clock) {
        this.organisation = organisation;
        this.commandGateway = commandGateway;
        this.publishedVersion = publishedVersion;
        this.clock = clock;
    }

    // NOTE: the web server accepts requests a moment before this runner completes; a command in that moment
    // carries organisation version 0.
    @Override
    public void run(ApplicationArguments arguments) {
        long version = commandGateway.sendAndWait(new PublishOrganisationCommand(
                PublishOrganisationCommand.ORGANISATION_ID, organisation.sha256(), organisation.groups(),
                organisation.users(), clock.instant()));
        publishedVersion.set(version);
        log.info("Organisation version {} is in effect (sha256 {})", version, organisation.sha256());
    }
}
