package dev.incidents.benchmark.endtoend;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an incident log in the XES layout of the BPI Challenge 2013 in which every incident goes the shortest way
 * through the lifecycle: queued for a support group (report and assignment), accepted, resolved and closed. The
 * import sends these commands through the command gateway, so the log measures command handling on the real event
 * store without HTTP, and fills stores of a chosen size.
 */
final class SyntheticLog {

    private static final String[][] RECORDS = {
            {"Queued", "Awaiting Assignment"},
            {"Accepted", "In Progress"},
            {"Completed", "Resolved"},
            {"Completed", "Closed"},
    };
    private static final int GROUPS = 20;
    private static final Instant FIRST_REPORT = Instant.parse("2024-01-01T08:00:00Z");

    private SyntheticLog() {
    }

    /** Records per incident, each of which the import turns into one command. */
    static int recordsPerIncident() {
        return RECORDS.length;
    }

    /**
     * Writes {@code incidents} incidents, numbered from {@code firstNumber} so that logs written for one store never
     * repeat an incident, to a gzip-compressed file.
     */
    static Path write(Path file, int firstNumber, int incidents) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n");
            for (int number = firstNumber; number < firstNumber + incidents; number++) {
                writeTrace(out, number);
            }
            out.write("</log>\n");
        }
        return file;
    }

    private static void writeTrace(BufferedWriter out, int number) throws IOException {
        String group = "BENCH-G" + (number % GROUPS);
        String resource = "owner-b" + (number % 97);
        Instant reported = FIRST_REPORT.plus(number, ChronoUnit.MINUTES);
        out.write("<trace><string key=\"concept:name\" value=\"BENCH-" + number + "\"/>\n");
        for (int step = 0; step < RECORDS.length; step++) {
            out.write("<event>");
            attribute(out, "org:group", group);
            attribute(out, "org:resource", resource);
            attribute(out, "concept:name", RECORDS[step][0]);
            attribute(out, "lifecycle:transition", RECORDS[step][1]);
            attribute(out, "impact", "Medium");
            attribute(out, "product", "PROD" + (number % 50));
            out.write("<date key=\"time:timestamp\" value=\"" + reported.plus(step * 10L, ChronoUnit.MINUTES)
                    + "\"/></event>\n");
        }
        out.write("</trace>\n");
    }

    private static void attribute(BufferedWriter out, String key, String value) throws IOException {
        out.write("<string key=\"" + key + "\" value=\"" + value + "\"/>");
    }
}
