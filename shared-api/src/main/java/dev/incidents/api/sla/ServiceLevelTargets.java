package dev.incidents.api.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * Business time allowed for one priority: {@code response} from assignment until acceptance, {@code resolution}
 * from report until resolution, and {@code supportGroupResponse}, the operational level target each support group
 * has from its own assignment until it accepts, counted on that group's calendar. All are counted by a
 * {@link BusinessCalendar} and must be positive; a missing {@code supportGroupResponse} equals {@code response}.
 */
public record ServiceLevelTargets(Duration response, Duration resolution, Duration supportGroupResponse) {

    public ServiceLevelTargets {
        requirePositive("response", response);
        requirePositive("resolution", resolution);
        if (supportGroupResponse == null) {
            supportGroupResponse = response;
        }
        requirePositive("support group response", supportGroupResponse);
    }

    /** Creates targets whose support group response target equals the response target. */
    public ServiceLevelTargets(Duration response, Duration resolution) {
        this(response, resolution, null);
    }

    private static void requirePositive(String name, Duration target) {
        Objects.requireNonNull(target, name + " target is missing");
        if (target.isZero() || target.isNegative()) {
            throw new IllegalArgumentException("invalid " + name + " target " + target
                    + ": it must be a positive amount of business time, such as PT4H");
        }
    }
}
