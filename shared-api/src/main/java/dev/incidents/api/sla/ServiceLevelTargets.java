package dev.incidents.api.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * Business time allowed for one priority: {@code response} from assignment until acceptance, {@code resolution}
 * from report until resolution. Both are counted by a {@link BusinessCalendar} and must be positive.
 */
public record ServiceLevelTargets(Duration response, Duration resolution) {

    public ServiceLevelTargets {
        requirePositive("response", response);
        requirePositive("resolution", resolution);
    }

    private static void requirePositive(String name, Duration target) {
        Objects.requireNonNull(target, name + " target is missing");
        if (target.isZero() || target.isNegative()) {
            throw new IllegalArgumentException("invalid " + name + " target " + target
                    + ": it must be a positive amount of business time, such as PT4H");
        }
    }
}
