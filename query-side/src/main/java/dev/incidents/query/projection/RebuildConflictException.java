package dev.incidents.query.projection;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.query.RebuildProgress;

/** Failure raised when a rebuild is requested while another one runs, of any processor, rendered as 409. */
class RebuildConflictException extends ErrorResponseException {

    /** The processor is being rebuilt already (HTTP 409). */
    static final String REBUILD_RUNNING = "REBUILD_RUNNING";

    RebuildConflictException(RebuildProgress running) {
        super(HttpStatus.CONFLICT, problem(running), null);
    }

    private static ProblemDetail problem(RebuildProgress running) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, REBUILD_RUNNING, "Rebuild already running",
                "Rebuild " + running.rebuildId() + " of the " + running.processor() + " processor, requested by "
                        + running.requestedBy() + " at " + running.startedAt() + ", is still running. Follow it at "
                        + "GET /api/projections/" + running.processor() + "/rebuild and request this one when its "
                        + "state is DONE or FAILED: one rebuild runs at a time, because each replays the whole event "
                        + "store.");
        problem.setProperty("processor", running.processor());
        problem.setProperty("rebuildId", running.rebuildId());
        return problem;
    }
}
