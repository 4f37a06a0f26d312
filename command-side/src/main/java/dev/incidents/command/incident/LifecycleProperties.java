package dev.incidents.command.incident;

import dev.incidents.api.incident.LifecyclePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The lifecycle policy and timers for live commands. A timer that is null or zero is switched off. Imports of
 * historical logs use none of the timers and no reopen window.
 *
 * @param reopenAfterClosure whether a CLOSED incident may be reopened (default false)
 * @param handOverWhenResolved whether a RESOLVED incident may move to another group without reopening (default false)
 * @param reopenWindow how long after its resolution a RESOLVED incident may be reopened (default P14D)
 * @param autoCloseAfter time after the resolution at which a RESOLVED incident is closed by the server (default P5D)
 * @param escalateUnacceptedAfter time after an assignment at which the server escalates it to the group's manager
 *                                while nobody has accepted it (default PT4H)
 */
@ConfigurationProperties("incidents.lifecycle")
public record LifecycleProperties(boolean reopenAfterClosure, boolean handOverWhenResolved, Duration reopenWindow,
                                  Duration autoCloseAfter, Duration escalateUnacceptedAfter) {

    public LifecycleProperties {
        reopenWindow = enabledOrNull(reopenWindow, "reopen-window");
        autoCloseAfter = enabledOrNull(autoCloseAfter, "auto-close-after");
        escalateUnacceptedAfter = enabledOrNull(escalateUnacceptedAfter, "escalate-unaccepted-after");
    }

    public LifecyclePolicy policy() {
        return new LifecyclePolicy(reopenAfterClosure, handOverWhenResolved, reopenWindow);
    }

    private static Duration enabledOrNull(Duration duration, String property) {
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("incidents.lifecycle." + property + " is " + duration
                    + ": give a positive ISO-8601 duration such as P5D or PT4H, or 0 to switch it off");
        }
        return duration == null || duration.isZero() ? null : duration;
    }
}
