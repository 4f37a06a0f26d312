package dev.incidents.api.incident;

import java.time.Duration;

/**
 * Lifecycle rules that differ between live work and the import of historical logs. The command side fills it in
 * from its configuration; clients never send it.
 *
 * @param reopenAfterClosure whether a CLOSED incident may be reopened, or its closure revoked
 * @param handOverWhenResolved whether a RESOLVED incident may move to another support group without reopening
 * @param reopenWindow how long after its resolution (business time) a RESOLVED incident may be reopened; null for
 *                     no limit
 */
public record LifecyclePolicy(boolean reopenAfterClosure, boolean handOverWhenResolved, Duration reopenWindow) {

    /** The live default without a reopen window: closed incidents stay closed, resolved ones stay with their group. */
    public static final LifecyclePolicy STRICT = new LifecyclePolicy(false, false, null);

    /** A policy without a reopen window, as imports of historical logs use. */
    public LifecyclePolicy(boolean reopenAfterClosure, boolean handOverWhenResolved) {
        this(reopenAfterClosure, handOverWhenResolved, null);
    }

    public LifecyclePolicy {
        if (reopenWindow != null && (reopenWindow.isZero() || reopenWindow.isNegative())) {
            reopenWindow = null;
        }
    }
}
