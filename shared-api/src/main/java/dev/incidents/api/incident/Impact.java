package dev.incidents.api.incident;

/** How widely the incident affects the business; level 1 is the widest. */
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
