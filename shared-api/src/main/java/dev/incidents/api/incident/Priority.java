package dev.incidents.api.incident;

/**
 * Priority 1 (critical) to 5 (planning), derived from impact and urgency by the common ITIL 3x3 matrix: the sum
 * of the two levels minus one.
 */
public enum Priority {
    P1_CRITICAL,
    P2_HIGH,
    P3_MODERATE,
    P4_LOW,
    P5_PLANNING;

    public static Priority of(Impact impact, Urgency urgency) {
        return values()[impact.level() + urgency.level() - 2];
    }

    public int number() {
        return ordinal() + 1;
    }
}
