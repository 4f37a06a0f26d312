package dev.incidents.api.incident;

/**
 * Metadata keys that commands from an importer carry and that their events inherit: where a change came from in
 * a historical log. The position makes re-imports idempotent because an incident skips positions it has applied.
 */
public final class ImportMetaData {

    /** Name of the source log, such as {@code bpic2013}. */
    public static final String SOURCE = "importSource";

    /** Position of the source record within its incident's trace, scaled so each record has room for several commands. */
    public static final String POSITION = "importPosition";

    /**
     * Status of the source record as the log writes it, so an export can give it back unchanged: for BPIC 2013 the
     * status and sub status, such as {@code Accepted/Assigned}. Events imported before this key existed lack it.
     */
    public static final String SOURCE_STATUS = "importStatus";

    /** Room for the commands of one source record in {@link #POSITION}: the record index is the position divided by it. */
    public static final int STEPS_PER_RECORD = 8;

    private ImportMetaData() {
    }
}
