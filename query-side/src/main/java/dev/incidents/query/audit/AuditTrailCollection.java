package dev.incidents.query.audit;

/** The {@code audit_trails} collection: one {@link AuditTrailDocument} per incident, keyed by incident id. */
public final class AuditTrailCollection {

    public static final String NAME = "audit_trails";

    /** Stored field with the number of entries of a trail, for counting entries without reading them. */
    public static final String ENTRY_COUNT = "entryCount";

    private AuditTrailCollection() {
    }
}
