package dev.incidents.api.incident;

/** Urgency: how soon the business needs a resolution. Level 1 is the most urgent. */
public enum Urgency {
    HIGH(1),
    MEDIUM(2),
    LOW(3);

    private final int level;

    Urgency(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }
}
