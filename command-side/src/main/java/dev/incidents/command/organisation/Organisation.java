package dev.incidents.command.organisation;

import dev.incidents.api.organisation.OrganisationPublished;
import dev.incidents.api.organisation.PublishOrganisationCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The organisation's history: one aggregate with a fixed id whose events are the published versions. It numbers
 * the versions and publishes a content only when it differs from the latest version.
 */
@Aggregate
public class Organisation {

    @AggregateIdentifier
    private String organisationId;
    private long version;
    private String sha256;

    protected Organisation() {
        // For Axon: the state is rebuilt from the published versions.
    }

    /** Returns the version in effect after the command: a new one, or the latest when the content is the same. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(PublishOrganisationCommand command) {
        if (command.sha256().equals(sha256)) {
            return version;
        }

        AggregateLifecycle.apply(new OrganisationPublished(command.organisationId(), version + 1, command.sha256(),
                command.groups(), command.users(), command.publishedAt()));
        return version;
    }

    @EventSourcingHandler
    void on(OrganisationPublished event) {
        organisationId = event.organisationId();
        version = event.version();
        sha256 = event.sha256();
    }
}
