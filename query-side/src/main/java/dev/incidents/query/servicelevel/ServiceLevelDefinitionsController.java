package dev.incidents.query.servicelevel;

import dev.incidents.query.web.RequestValues;
import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import dev.incidents.api.incident.Values;
import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import dev.incidents.query.web.InvalidRequestValueException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** REST access to the saved business calendar versions and the published service level policy versions. */
@RestController
@RequestMapping("/api/service-levels")
class ServiceLevelDefinitionsController {

    private final ServiceLevelDefinitionLookup lookup;

    ServiceLevelDefinitionsController(ServiceLevelDefinitionLookup lookup) {
        this.lookup = lookup;
    }

    /** Returns the latest version of every calendar, ordered by id. */
    @GetMapping("/calendars")
    List<BusinessCalendarVersion> calendars(HttpServletRequest request) {
        QueryParameters.check(request);
        return lookup.calendars();
    }

    @GetMapping("/calendars/{id}")
    BusinessCalendarVersion latestCalendar(HttpServletRequest request, @PathVariable("id") String id) {
        QueryParameters.check(request);
        return lookup.calendar(id, null);
    }

    @GetMapping("/calendars/{id}/versions/{version}")
    BusinessCalendarVersion calendarVersion(HttpServletRequest request, @PathVariable("id") String id,
                                            @PathVariable("version") String version) {
        int number = parseVersion(version);
        QueryParameters.check(request);
        return lookup.calendar(id, number);
    }

    /** Returns the latest version of every policy, ordered by id. */
    @GetMapping("/policies")
    List<ServiceLevelPolicyVersion> policies(HttpServletRequest request) {
        QueryParameters.check(request);
        return lookup.policies();
    }

    @GetMapping("/policies/{id}")
    ServiceLevelPolicyVersion latestPolicy(HttpServletRequest request, @PathVariable("id") String id) {
        QueryParameters.check(request);
        return lookup.policy(id, null);
    }

    @GetMapping("/policies/{id}/versions/{version}")
    ServiceLevelPolicyVersion policyVersion(HttpServletRequest request, @PathVariable("id") String id,
                                            @PathVariable("version") String version) {
        int number = parseVersion(version);
        QueryParameters.check(request);
        return lookup.policy(id, number);
    }

    private static int parseVersion(String value) {
        try {
            int number = Integer.parseInt(RequestValues.asciiInteger(value));
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the rule.
        }
        throw new InvalidRequestValueException("version", value, "invalid version '" + Values.truncate(value)
                + "': use a whole number from 1");
    }
}
