package dev.incidents.query.projection;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.query.RebuildProgress;

/**
 * REST access to rebuilds and fingerprints of the read models, for auditors and admins ({@link
 * ProjectionApiAuthorization}). A rebuild replays one processor while the other processors and every read endpoint
 * keep serving. The rebuilt read model is incomplete until the rebuild is done.
 */
@RestController
class ProjectionRebuildController {

    private final ProjectionRebuilds rebuilds;
    private final ReadModels readModels;
    private final ReadModelFingerprints fingerprints;
    private final CurrentCaller currentCaller;

    ProjectionRebuildController(ProjectionRebuilds rebuilds, ReadModels readModels,
                                ReadModelFingerprints fingerprints, CurrentCaller currentCaller) {
        this.rebuilds = rebuilds;
        this.readModels = readModels;
        this.fingerprints = fingerprints;
        this.currentCaller = currentCaller;
    }

    /** Starts a rebuild and returns 202 with its id and first progress, and its progress URL as Location. */
    @PostMapping("/api/projections/{processor}/rebuild")
    ResponseEntity<RebuildProgress> rebuild(HttpServletRequest request, @PathVariable String processor) {
        QueryParameters.check(request);
        RebuildProgress progress = rebuilds.start(processor, currentCaller.get().user().value());
        return ResponseEntity.accepted()
                .location(URI.create("/api/projections/" + progress.processor() + "/rebuild"))
                .body(progress);
    }

    /** Returns the progress of the latest rebuild of the processor. */
    @GetMapping("/api/projections/{processor}/rebuild")
    RebuildProgress progress(HttpServletRequest request, @PathVariable String processor) {
        QueryParameters.check(request);
        readModels.get(processor);
        return rebuilds.latest(processor).orElseThrow(() -> new RebuildNotFoundException(processor));
    }

    @GetMapping("/api/projections/{processor}/fingerprint")
    ReadModelFingerprint fingerprint(HttpServletRequest request, @PathVariable String processor) {
        QueryParameters.check(request);
        return fingerprints.fingerprint(processor);
    }
}
