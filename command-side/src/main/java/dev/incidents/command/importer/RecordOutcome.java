package dev.incidents.command.importer;

/** Outcome of one source record: applied, or skipped or rejected with a reason. */
record RecordOutcome(Kind kind, String reason) {

    enum Kind { APPLIED, SKIPPED, REJECTED }

    static final RecordOutcome APPLIED = new RecordOutcome(Kind.APPLIED, null);

    static RecordOutcome skipped(String reason) {
        return new RecordOutcome(Kind.SKIPPED, reason);
    }

    static RecordOutcome rejected(String reason) {
        return new RecordOutcome(Kind.REJECTED, reason);
    }
}
