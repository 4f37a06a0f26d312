package dev.incidents.command.config;

/** Spring lifecycle phases of the command side's own background work. */
public final class LifecyclePhases {

    /**
     * Phase of work that must start after Axon and stop before it: the deadline scheduler and running imports. A
     * higher phase starts later and stops earlier.
     */
    public static final int BEFORE_AXON_STOPS = Integer.MAX_VALUE - 1000;

    private LifecyclePhases() {
    }
}
