package dev.incidents.api.incident;

/**
 * Lifecycle rules that differ between live work and the import of historical logs. The command side fills it in
 * from its configuration; clients never send it.
 *
 * @param reopenAfterClosure whether a CLOSED incident may be reopened, or its closure revoked
 * @param handOverWhenResolved whether a RESOLVED incident may move to another support group without reopening
 */
public record LifecyclePolicy(boolean reopenAfterClosure, boolean handOverWhenResolved) {

    /** The live default: closed incidents stay closed and resolved incidents stay with their group. */
    public static final LifecyclePolicy STRICT = new LifecyclePolicy(false, false);
}
