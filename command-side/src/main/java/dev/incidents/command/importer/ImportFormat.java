package dev.incidents.command.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A log format the importer reads: it counts a file's records and hands out each incident's records in turn. */
interface ImportFormat {

    long countRecords(Path file) throws IOException;

    /** Calls {@code consumer} with each incident of the file, in file order. */
    void readIncidents(Path file, Consumer<IncidentRecords> consumer) throws IOException;

    /** The records of one incident, which one worker imports in order. */
    interface IncidentRecords {

        String incidentId();

        void importInto(IncidentCommandSender sender, ImportTally tally);

        /** Creates the records of incident {@code incidentId}, imported by {@code importer}. */
        static IncidentRecords of(String incidentId, BiConsumer<IncidentCommandSender, ImportTally> importer) {
            return new IncidentRecords() {
                @Override
                public String incidentId() {
                    return incidentId;
                }

                @Override
                public void importInto(IncidentCommandSender sender, ImportTally tally) {
                    importer.accept(sender, tally);
                }
            };
        }
    }

    /** Returns the format of the BPI Challenge 2013 log: XES, one trace per incident. */
    static ImportFormat bpic2013(Bpic2013TraceImporter importer) {
        return new ImportFormat() {
            @Override
            public long countRecords(Path file) throws IOException {
                return XesTraceReader.countRecords(file);
            }

            @Override
            public void readIncidents(Path file, Consumer<IncidentRecords> consumer) throws IOException {
                XesTraceReader.readTraces(file, trace -> consumer.accept(IncidentRecords.of(trace.incidentId(),
                        (sender, tally) -> importer.importTrace(trace, sender, tally))));
            }
        };
    }

    /** Returns the format of a ServiceNow incident event log: CSV, one row per update of an incident. */
    static ImportFormat serviceNow(ServiceNowCsvReader reader, ServiceNowIncidentImporter importer) {
        return new ImportFormat() {
            @Override
            public long countRecords(Path file) throws IOException {
                return ServiceNowCsvReader.countRecords(file);
            }

            @Override
            public void readIncidents(Path file, Consumer<IncidentRecords> consumer) throws IOException {
                reader.readIncidents(file, incident -> consumer.accept(IncidentRecords.of(incident.number(),
                        (sender, tally) -> importer.importIncident(incident, sender, tally))));
            }
        };
    }
}
