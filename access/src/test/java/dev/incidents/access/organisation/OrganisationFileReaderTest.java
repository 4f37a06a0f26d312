package dev.incidents.access.organisation;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganisationFileReaderTest {

    private static final OrganisationFileReader READER = new OrganisationFileReader(new SupportGroupId("SERVICE-DESK"));

    private static final String VALID = """
            groups:
              - {id: SERVICE-DESK, name: Service desk, tier: 1, manager: mia, members: [sue]}
              - {id: NET, name: Network, tier: 2, manager: mia, members: [nick]}
              - {id: NET-L3, name: Network L3, tier: 3, manager: otto, members: [lena, nick], reportsTo: NET}
            users:
              - {id: sue, displayName: Sue, roles: [SERVICE_DESK]}
              - {id: nick, displayName: Nick, roles: [SPECIALIST]}
              - {id: lena, displayName: Lena, roles: [SPECIALIST]}
              - {id: mia, displayName: Mia, roles: [MANAGER]}
              - {id: otto, displayName: Otto, roles: [MANAGER, SPECIALIST]}
            """;

    @Test
    void demoOrganisationIsValid() {
        Organisation demo = READER.read(Path.of("../config/organisation.yml"));

        assertThat(demo.groups()).extracting(group -> group.id().value())
                .contains("SERVICE-DESK", "NET", "DB", "APP", "NET-L3");
        for (Role role : Role.values()) {
            assertThat(demo.users()).as("a demo user with role %s", role)
                    .anyMatch(user -> user.roles().contains(role));
        }
    }

    @Test
    void callerHasHomeGroupFirstAndManagedSubgroups() {
        Organisation organisation = READER.parse("test", VALID);

        Caller nick = organisation.caller(new UserId("nick"), 3).orElseThrow();
        Caller mia = organisation.caller(new UserId("mia"), 3).orElseThrow();

        assertThat(nick.groups()).containsExactly(new SupportGroupId("NET"), new SupportGroupId("NET-L3"));
        assertThat(nick.homeGroup()).isEqualTo(new SupportGroupId("NET"));
        assertThat(nick.organisationVersion()).isEqualTo(3);
        assertThat(mia.managedGroups()).containsExactlyInAnyOrder(new SupportGroupId("SERVICE-DESK"),
                new SupportGroupId("NET"), new SupportGroupId("NET-L3"));
        assertThat(organisation.caller(new UserId("nobody"), 3)).isEmpty();
    }

    @Test
    void hashIgnoresLayoutButNotContent() {
        Organisation original = READER.parse("test", VALID);
        Organisation commented = READER.parse("test", "# the network teams\n" + VALID.replace("tier: 2", "tier:   2"));
        Organisation renamed = READER.parse("test", VALID.replace("displayName: Lena", "displayName: Lena B"));

        assertThat(commented.sha256()).isEqualTo(original.sha256());
        assertThat(renamed.sha256()).isNotEqualTo(original.sha256());
    }

    @Test
    void unknownRoleIsNamed() {
        assertInvalid(VALID.replace("roles: [SPECIALIST]}\n  - {id: lena", "roles: [EXPERT]}\n  - {id: lena"),
                "user 'nick': unknown role 'EXPERT'");
    }

    @Test
    void unknownMemberIsNamed() {
        assertInvalid(VALID.replace("members: [sue]", "members: [sue, zed]"),
                "group 'SERVICE-DESK': member 'zed' is not listed under users");
    }

    @Test
    void duplicateIdsAreNamed() {
        assertInvalid(VALID + "  - {id: sue, displayName: Sue Again, roles: [REQUESTER]}\n",
                "user 'sue': duplicate user id");
        assertInvalid(VALID.replace("users:", "  - {id: NET, name: Net again, tier: 2, manager: mia}\nusers:"),
                "group 'NET': duplicate group id");
    }

    @Test
    void reportsToCycleIsNamed() {
        assertInvalid(VALID.replace("members: [nick]}", "members: [nick], reportsTo: NET-L3}"),
                "reportsTo forms a cycle");
    }

    @Test
    void missingServiceDeskIsNamed() {
        assertInvalid(VALID.replace("SERVICE-DESK", "FRONT-DESK"), "service desk group 'SERVICE-DESK'");
        assertInvalid(VALID.replace("tier: 1", "tier: 2"), "group 'SERVICE-DESK': the service desk group must have"
                + " tier 1");
    }

    @Test
    void managerWithoutManagerRoleIsNamed() {
        assertInvalid(VALID.replace("manager: otto", "manager: lena"),
                "group 'NET-L3': manager 'lena' does not hold the MANAGER role");
    }

    @Test
    void everyProblemIsListed() {
        String broken = VALID.replace("members: [sue]", "members: [zed]").replace("tier: 3", "tier: 7");

        assertThatThrownBy(() -> READER.parse("broken.yml", broken))
                .isInstanceOf(InvalidOrganisationException.class)
                .hasMessageContaining("broken.yml")
                .hasMessageContaining("member 'zed'")
                .hasMessageContaining("group 'NET-L3': tier '7' is invalid");
    }

    private static void assertInvalid(String yaml, String expected) {
        assertThatThrownBy(() -> READER.parse("test.yml", yaml))
                .isInstanceOf(InvalidOrganisationException.class)
                .hasMessageContaining(expected);
    }
}
