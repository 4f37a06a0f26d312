package dev.incidents.api.sla;

import dev.incidents.api.incident.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * A version of a service level policy was published.
 *
 * @param calendarId            customer calendar for the response and resolution clocks
 * @param supportGroupCalendars calendar id by support group id; other groups use {@code calendarId}
 */
@Revision("1")
public record ServiceLevelPolicyPublished(ServiceLevelPolicy policy, String calendarId,
                                          Map<String, String> supportGroupCalendars, Actor actor,
                                          Instant occurredAt) {

    public ServiceLevelPolicyPublished {
        supportGroupCalendars = supportGroupCalendars == null ? Map.of() : Map.copyOf(supportGroupCalendars);
    }

    public String policyId() {
        return policy.id();
    }
}
