package dev.incidents.command.organisation;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.organisation.SupportGroupDefinition;
import dev.incidents.command.incident.SupportGroupDirectory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.OptionalInt;

/** Lists the support groups of the organisation file this server started with. */
@Component
class OrganisationGroupDirectory implements SupportGroupDirectory {

    private final Organisation organisation;

    OrganisationGroupDirectory(Organisation organisation) {
        this.organisation = organisation;
    }

    @Override
    public OptionalInt tierOf(SupportGroupId group) {
        if (group == null) {
            return OptionalInt.empty();
        }
        return organisation.group(group).map(definition -> OptionalInt.of(definition.tier()))
                .orElse(OptionalInt.empty());
    }

    @Override
    public boolean isMember(SupportGroupId group, UserId person) {
        return organisation.group(group).map(definition -> definition.members().contains(person)).orElse(false);
    }

    @Override
    public boolean knowsUser(UserId person) {
        return organisation.user(person).isPresent();
    }

    @Override
    public Optional<UserId> managerOf(SupportGroupId group) {
        return group == null ? Optional.empty() : organisation.group(group).map(SupportGroupDefinition::manager);
    }
}
