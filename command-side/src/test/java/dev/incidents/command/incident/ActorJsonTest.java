package dev.incidents.command.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActorJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void readsActorsStoredBeforeRolesWereRecorded() throws Exception {
        Actor actor = mapper.readValue("{\"user\":\"ann\",\"group\":\"NET\"}", Actor.class);

        assertThat(actor).isEqualTo(new Actor(new UserId("ann"), null, new SupportGroupId("NET")));
    }

    @Test
    void keepsTheRoleThroughARoundTrip() throws Exception {
        Actor actor = new Actor(new UserId("ann"), Role.SPECIALIST, new SupportGroupId("NET"));

        assertThat(mapper.readValue(mapper.writeValueAsString(actor), Actor.class)).isEqualTo(actor);
    }
}
