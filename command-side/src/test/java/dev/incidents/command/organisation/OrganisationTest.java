package dev.incidents.command.organisation;

import dev.incidents.access.organisation.OrganisationFileReader;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.organisation.OrganisationPublished;
import dev.incidents.api.organisation.PublishOrganisationCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

/** Versions of the organisation: a new version only for a content whose hash differs from the latest. */
class OrganisationTest {

    private static final String ID = PublishOrganisationCommand.ORGANISATION_ID;
    private static final Instant MONDAY = Instant.parse("2024-03-04T08:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2024-03-05T08:00:00Z");

    private final dev.incidents.access.organisation.Organisation content = new OrganisationFileReader(
            new SupportGroupId("SERVICE-DESK")).read(Path.of("src/test/resources/test-organisation.yml"));
    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
    }

    @Test
    void firstPublicationIsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(publish("a".repeat(64), MONDAY))
                .expectEvents(published(1, "a".repeat(64), MONDAY))
                .expectResultMessagePayload(1L);
    }

    @Test
    void sameContentAddsNoVersion() {
        fixture.given(published(1, "a".repeat(64), MONDAY))
                .when(publish("a".repeat(64), TUESDAY))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void changedContentAddsNextVersion() {
        fixture.given(published(1, "a".repeat(64), MONDAY), published(2, "b".repeat(64), MONDAY))
                .when(publish("a".repeat(64), TUESDAY))
                .expectEvents(published(3, "a".repeat(64), TUESDAY))
                .expectResultMessagePayload(3L);
    }

    private PublishOrganisationCommand publish(String sha256, Instant at) {
        return new PublishOrganisationCommand(ID, sha256, content.groups(), content.users(), at);
    }

    private OrganisationPublished published(long version, String sha256, Instant at) {
        return new OrganisationPublished(ID, version, sha256, content.groups(), content.users(), at);
    }
}
