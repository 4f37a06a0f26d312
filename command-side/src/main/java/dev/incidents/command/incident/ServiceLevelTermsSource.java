package dev.incidents.command.incident;

import dev.incidents.api.sla.ServiceLevelTerms;

import java.time.Instant;

/** The service level terms in effect for incidents, as the report handler records them. */
@FunctionalInterface
public interface ServiceLevelTermsSource {

    /**
     * Returns the terms of an incident reported at {@code reportedAt}: the configured policy's version with the latest
     * effective-from instant at or before it, with the latest saved version of each calendar that version names.
     * Returns null when no version is in effect then, so the incident runs no service level clocks.
     */
    ServiceLevelTerms termsAt(Instant reportedAt);
}
