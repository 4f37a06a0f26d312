package dev.incidents.api.incident;

/** Impact: how widely the incident affects the business. Level 1 is the widest. */
public enum Impact {
    HIGH(1),
    MEDIUM(2),
    LOW(3);

    private final int level;

    Impact(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }
}
