package dev.incidents.query.testing;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;

/**
 * The caller of every request in a test application, set by the test. Register the class as a bean source: the
 * main code has no {@link CurrentCaller} bean of its own, authentication provides it.
 */
public class TestCurrentCaller implements CurrentCaller {

    /** The caller of requests when a test has set none: an auditor, who may read everything. */
    public static final Caller DEFAULT = TestCallers.auditor("audrey");

    private static volatile Caller caller = DEFAULT;
    private static volatile RuntimeException failure;

    /** Makes {@code next} the caller of the following requests, from any thread. */
    public static void set(Caller next) {
        caller = next;
        failure = null;
    }

    /** Makes the following requests fail while resolving their caller, as an unreachable user directory would. */
    public static void failWith(RuntimeException next) {
        failure = next;
    }

    public static void reset() {
        set(DEFAULT);
    }

    @Override
    public Caller get() {
        RuntimeException current = failure;
        if (current != null) {
            throw current;
        }
        return caller;
    }
}
