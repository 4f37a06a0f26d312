package dev.incidents.command.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes small XES logs in the BPIC 2013 layout for importer tests. */
final class XesLogBuilder {

    private final StringBuilder xml = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8" ?>
            <log xes.version="1.0" xmlns="http://www.xes-standard.org/">
            \t<global scope="event">
            \t\t<string key="org:group" value="UNKNOWN"/>
            \t\t<date key="time:timestamp" value="1970-01-01T00:00:00+01:00"/>
            \t</global>
            \t<string key="concept:name" value="log name, not a trace"/>
            """);
    private final List<String> events = new ArrayList<>();

    /** Adds an event to the current trace; {@code time} is an ISO date-time with offset, or null to leave it out. */
    XesLogBuilder event(String status, String subStatus, String team, String person, String time) {
        StringBuilder event = new StringBuilder("\t\t<event>\n");
        if (team != null) {
            event.append("\t\t\t<string key=\"org:group\" value=\"").append(team).append("\"/>\n");
        }
        event.append("\t\t\t<string key=\"org:resource\" value=\"").append(person).append("\"/>\n")
                .append("\t\t\t<string key=\"concept:name\" value=\"").append(status).append("\"/>\n")
                .append("\t\t\t<string key=\"impact\" value=\"Medium\"/>\n")
                .append("\t\t\t<string key=\"product\" value=\"PROD1\"/>\n")
                .append("\t\t\t<string key=\"lifecycle:transition\" value=\"").append(subStatus).append("\"/>\n");
        if (time != null) {
            event.append("\t\t\t<date key=\"time:timestamp\" value=\"").append(time).append("\"/>\n");
        }
        events.add(event.append("\t\t</event>\n").toString());
        return this;
    }

    /** Closes the events added so far into a trace with the given id. */
    XesLogBuilder trace(String incidentId) {
        xml.append("\t<trace>\n\t\t<string key=\"concept:name\" value=\"").append(incidentId).append("\"/>\n");
        events.forEach(xml::append);
        xml.append("\t</trace>\n");
        events.clear();
        return this;
    }

    Path writeTo(Path folder) throws IOException {
        Path file = folder.resolve("log.xes");
        Files.writeString(file, xml + "</log>\n", StandardCharsets.UTF_8);
        return file;
    }
}
