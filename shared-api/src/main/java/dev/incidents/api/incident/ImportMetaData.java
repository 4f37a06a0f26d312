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

    private ImportMetaData() {
    }
}
