package dev.incidents.query.export;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Streams the event log of a selection of incidents as CSV. The body is written to the response while the events
 * are read, synchronously on the request thread, so no asynchronous request timeout cuts a long export short.
 */
@RestController
@RequestMapping("/api/exports")
class EventExportController {

    static final String CSV_TYPE = "text/csv;charset=UTF-8";

    /** Query parameters of the CSV export; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("from", "to", "group", "state");

    private static final Logger log = LoggerFactory.getLogger(EventExportController.class);

    private final EventCsvExport export;
    private final CurrentCaller currentCaller;

    EventExportController(EventCsvExport export, CurrentCaller currentCaller) {
        this.export = export;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/events.csv")
    void eventsCsv(HttpServletRequest request,
                   @RequestParam(name = "from", required = false) String from,
                   @RequestParam(name = "to", required = false) String to,
                   @RequestParam(name = "group", required = false) String group,
                   @RequestParam(name = "state", required = false) String state,
                   HttpServletResponse response) throws IOException {
        QueryParameters.check(request, PARAMETERS);
        Caller caller = currentCaller.get();
        ExportSelection selection = ExportSelection.parse(from, to, group, state);

        log.info("Starting the CSV export of events for user {}: {}", caller.user(), selection);
        long started = System.nanoTime();
        response.setContentType(CSV_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        EventCsvExport.ExportProgress progress = new EventCsvExport.ExportProgress();
        EventCsvExport.ExportCount count;
        try {
            count = export.write(selection, out, progress);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
                // Rows still in the buffers when the connection closed never reached the client.
                EventCsvExport.ExportCount written = progress.count();
                log.info("Stopped the CSV export of events for user {} ({}) after writing {} events of {} incidents"
                        + " to the response: the client closed the connection", caller.user(), selection,
                        written.events(), written.incidents());
                return;
            }
            // The status and part of the body may already be sent, so the client sees a truncated file.
            log.error("CSV export of events for user {} failed: {}", caller.user(), selection, e);
            throw e;
        }
        log.info("Finished the CSV export of {} events of {} incidents for user {} in {} ms", count.events(),
                count.incidents(), caller.user(), (System.nanoTime() - started) / 1_000_000);
    }
}
