package dev.incidents.api.incident;

/** How quickly the business needs a resolution; level 1 is the most urgent. */
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
