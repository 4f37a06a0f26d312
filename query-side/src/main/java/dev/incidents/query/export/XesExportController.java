package dev.incidents.query.export;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.Set;

/**
 * The event log export as XES. The filters are checked and the incidents selected before the response starts, so
 * an invalid filter gets a problem details response. The log itself is then written while the client reads it.
 */
@RestController
class XesExportController {

    private static final Logger log = LoggerFactory.getLogger(XesExportController.class);

    /** XES has no registered media type, so the log goes out as XML, as process-mining tools accept it. */
    private static final MediaType XES = MediaType.APPLICATION_XML;

    /** Query parameters of the XES export; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = EventExportController.PARAMETERS;

    private final XesExport export;
    private final CurrentCaller currentCaller;

    XesExportController(XesExport export, CurrentCaller currentCaller) {
        this.export = export;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/api/exports/events.xes")
    ResponseEntity<StreamingResponseBody> events(HttpServletRequest request,
                                                 @RequestParam(name = "from", required = false) String from,
                                                 @RequestParam(name = "to", required = false) String to,
                                                 @RequestParam(name = "group", required = false) String group,
                                                 @RequestParam(name = "state", required = false) String state) {
        QueryParameters.check(request, PARAMETERS);
        Caller caller = currentCaller.get();
        ExportSelection selection = ExportSelection.parse(from, to, group, state);

        List<String> incidentIds = export.select(selection);
        log.info("XES export for user {} with {}: {} incidents", caller.user(), selection, incidentIds.size());

        StreamingResponseBody body = output -> export.write(incidentIds, selection, caller.user().value(), output);
        return ResponseEntity.ok()
                .contentType(XES)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("events.xes").build().toString())
                .body(body);
    }
}
