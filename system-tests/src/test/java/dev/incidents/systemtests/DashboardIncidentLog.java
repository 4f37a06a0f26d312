package dev.incidents.systemtests;

import java.util.List;

/**
 * A small incident log in the BPI Challenge 2013 XES format, written for the dashboard test: ten traces in March
 * 2025 over the demo organisation's groups NET, NET-L3, DB and APP. Impact High gives P2, Medium P3 and Low P4,
 * because imported incidents get urgency MEDIUM. Between them the traces hold met and breached response and
 * resolution clocks, reassignments with one ping-pong (DASH-02: NET, DB, NET), a reopen (DASH-03), a pause
 * (DASH-05), a cancellation (DASH-10) and two incidents still open (DASH-07 and DASH-08).
 */
final class DashboardIncidentLog {

    private DashboardIncidentLog() {
    }

    /** One record: the team, the person, the status and sub status, and the UTC time. */
    private record Row(String group, String resource, String status, String transition, String timestamp) {
    }

    private record Trace(String id, String impact, String product, List<Row> rows) {
    }

    private static final List<Trace> TRACES = List.of(
            new Trace("DASH-01", "High", "VPN", List.of(
                    new Row("NET", "nick", "Queued", "Awaiting Assignment", "2025-03-03T09:00:00"),
                    new Row("NET", "nick", "Accepted", "In Progress", "2025-03-03T09:20:00"),
                    new Row("NET", "nick", "Completed", "Resolved", "2025-03-03T12:00:00"))),
            new Trace("DASH-02", "Medium", "VPN", List.of(
                    new Row("NET", "nick", "Queued", "Awaiting Assignment", "2025-03-04T09:00:00"),
                    new Row("NET", "nick", "Accepted", "In Progress", "2025-03-04T10:30:00"),
                    new Row("DB", "nick", "Queued", "Awaiting Assignment", "2025-03-04T11:00:00"),
                    new Row("DB", "dora", "Accepted", "In Progress", "2025-03-04T11:10:00"),
                    new Row("NET", "dora", "Queued", "Awaiting Assignment", "2025-03-04T12:00:00"),
                    new Row("NET", "nick", "Accepted", "In Progress", "2025-03-04T12:05:00"),
                    new Row("NET", "nick", "Completed", "Resolved", "2025-03-04T15:00:00"))),
            new Trace("DASH-03", "High", "ORACLE", List.of(
                    new Row("DB", "dora", "Queued", "Awaiting Assignment", "2025-03-05T08:00:00"),
                    new Row("DB", "dora", "Accepted", "In Progress", "2025-03-05T08:10:00"),
                    new Row("DB", "dora", "Completed", "Resolved", "2025-03-05T18:00:00"),
                    new Row("DB", "dora", "Accepted", "In Progress", "2025-03-06T09:00:00"),
                    new Row("DB", "dora", "Completed", "Closed", "2025-03-06T11:00:00"))),
            new Trace("DASH-04", "Low", "ORACLE", List.of(
                    new Row("DB", "dora", "Queued", "Awaiting Assignment", "2025-03-11T10:00:00"),
                    new Row("DB", "dora", "Accepted", "In Progress", "2025-03-11T13:00:00"),
                    new Row("DB", "dora", "Completed", "Closed", "2025-03-12T10:00:00"))),
            new Trace("DASH-05", "Medium", "ROUTER", List.of(
                    new Row("NET-L3", "lena", "Queued", "Awaiting Assignment", "2025-03-11T09:00:00"),
                    new Row("NET-L3", "lena", "Accepted", "In Progress", "2025-03-11T09:30:00"),
                    new Row("NET-L3", "lena", "Accepted", "Wait - User", "2025-03-11T10:00:00"),
                    new Row("NET-L3", "lena", "Accepted", "In Progress", "2025-03-12T10:00:00"),
                    new Row("NET-L3", "lena", "Completed", "Resolved", "2025-03-12T12:00:00"))),
            new Trace("DASH-06", "High", "ERP", List.of(
                    new Row("APP", "alex", "Queued", "Awaiting Assignment", "2025-03-05T10:00:00"),
                    new Row("APP", "alex", "Accepted", "In Progress", "2025-03-05T10:10:00"),
                    new Row("APP", "alex", "Completed", "Resolved", "2025-03-05T11:00:00"))),
            new Trace("DASH-07", "Medium", "VPN", List.of(
                    new Row("NET", "nick", "Queued", "Awaiting Assignment", "2025-03-17T09:00:00"),
                    new Row("NET", "nick", "Accepted", "In Progress", "2025-03-17T09:40:00"))),
            new Trace("DASH-08", "Low", "ORACLE", List.of(
                    new Row("DB", "dora", "Queued", "Awaiting Assignment", "2025-03-18T12:00:00"))),
            new Trace("DASH-09", "High", "VPN", List.of(
                    new Row("NET", "nick", "Queued", "Awaiting Assignment", "2025-03-12T14:00:00"),
                    new Row("NET", "nick", "Accepted", "In Progress", "2025-03-12T14:05:00"),
                    new Row("DB", "nick", "Queued", "Awaiting Assignment", "2025-03-12T15:00:00"),
                    new Row("DB", "dora", "Accepted", "In Progress", "2025-03-12T15:20:00"),
                    new Row("DB", "dora", "Completed", "Resolved", "2025-03-12T20:00:00"))),
            new Trace("DASH-10", "Low", "ERP", List.of(
                    new Row("APP", "alex", "Queued", "Awaiting Assignment", "2025-03-06T09:00:00"),
                    new Row("APP", "alex", "Completed", "Cancelled", "2025-03-06T12:00:00"))));

    /** Returns the log as XES text. */
    static String xes() {
        StringBuilder xes = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" ?>
                <log xes.version="1.0" xmlns="http://www.xes-standard.org/">
                """);
        for (Trace trace : TRACES) {
            xes.append("  <trace>\n");
            xes.append("    <string key=\"concept:name\" value=\"").append(trace.id()).append("\"/>\n");
            for (Row row : trace.rows()) {
                xes.append("    <event>\n");
                attribute(xes, "org:group", row.group());
                attribute(xes, "org:resource", row.resource());
                attribute(xes, "concept:name", row.status());
                attribute(xes, "lifecycle:transition", row.transition());
                attribute(xes, "impact", trace.impact());
                attribute(xes, "product", trace.product());
                xes.append("      <date key=\"time:timestamp\" value=\"").append(row.timestamp())
                        .append("+00:00\"/>\n");
                xes.append("    </event>\n");
            }
            xes.append("  </trace>\n");
        }
        return xes.append("</log>\n").toString();
    }

    private static void attribute(StringBuilder xes, String key, String value) {
        xes.append("      <string key=\"").append(key).append("\" value=\"").append(value).append("\"/>\n");
    }
}
