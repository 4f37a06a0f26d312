package dev.incidents.command.importer;

import dev.incidents.access.CurrentCaller;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Values;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Imports of historical incident logs: the client uploads the file as the request body and follows the
 * progress at the returned location.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    /** No import with the requested id is known (HTTP 404). */
    static final String IMPORT_NOT_FOUND = "IMPORT_NOT_FOUND";

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final ImportService importService;
    private final CurrentCaller currentCaller;

    ImportController(ImportService importService, CurrentCaller currentCaller) {
        this.importService = importService;
        this.currentCaller = currentCaller;
    }

    // A form content type would make the servlet container consume the body as form fields, so only file types
    // are accepted; others get 415.
    @PostMapping(consumes = {MediaType.APPLICATION_OCTET_STREAM_VALUE, "application/gzip", "application/x-gzip",
            MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "text/csv"})
    ResponseEntity<ImportProgress> start(@RequestParam(defaultValue = ImportService.FORMAT_BPIC2013) String format,
                                         @RequestParam(required = false) Boolean reopenAfterClosure,
                                         @RequestParam(required = false) String zone,
                                         @RequestParam(required = false) Integer workers,
                                         HttpServletRequest request) throws IOException {
        ImportProgress progress = importService.start(format, request.getInputStream(), reopenAfterClosure,
                zoneOf(zone), workersOf(workers), currentCaller.get().user());
        return ResponseEntity.accepted()
                .location(URI.create("/api/imports/" + progress.importId()))
                .body(progress);
    }

    private static Integer workersOf(Integer workers) {
        if (workers != null && (workers < 1 || workers > ImportProperties.MAX_WORKERS)) {
            throw new IllegalArgumentException("workers " + workers + " is out of range: use 1 to "
                    + ImportProperties.MAX_WORKERS + " incidents imported at once, or leave it out for the configured"
                    + " incidents.import.workers");
        }
        return workers;
    }

    private static ZoneId zoneOf(String zone) {
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone '" + Values.truncate(zone) + "' is not a time zone: use a region"
                    + " such as Europe/Lisbon or an offset such as +01:00");
        }
    }

    /**
     * Returns 400 for an upload whose body ended early. The client has usually closed the connection and reads
     * nothing, so this is logged at INFO, not as a server error.
     */
    @ExceptionHandler(UploadInterruptedException.class)
    ResponseEntity<ProblemDetail> uploadInterrupted(UploadInterruptedException exception) {
        log.info("Import upload by {} stopped after {} bytes: {}", currentCaller.get().user(),
                exception.receivedBytes(), exception.getCause().toString());
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT,
                "Upload interrupted", "The upload ended after " + exception.receivedBytes() + " bytes, before the"
                        + " whole file arrived, and nothing was imported. Send the whole file again."));
    }

    @GetMapping("/{importId}")
    ResponseEntity<?> progress(@PathVariable String importId) {
        return importService.progress(importId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
                        IMPORT_NOT_FOUND, "Import not found", "No import has the id " + Values.truncate(importId)
                                + ". Imports are kept in memory until the command side restarts: check the id from"
                                + " the Location of the upload, or upload the log again.")));
    }
}
