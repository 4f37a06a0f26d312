package dev.incidents.query.projection;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;

/**
 * REST access to the dead-letter queues of the processing groups: auditors and admins list them, admins retry and
 * evict sequences ({@link ProjectionApiAuthorization}).
 */
@RestController
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final CurrentCaller currentCaller;

    DeadLetterController(DeadLetters deadLetters, CurrentCaller currentCaller) {
        this.deadLetters = deadLetters;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetters.DeadLetterGroupSummary> summaries(HttpServletRequest request) {
        QueryParameters.check(request);
        return deadLetters.summaries();
    }

    @GetMapping("/api/dead-letters/{group}")
    List<DeadLetterView> list(HttpServletRequest request, @PathVariable String group) {
        QueryParameters.check(request);
        return deadLetters.list(group);
    }

    @PostMapping("/api/dead-letters/{group}/retry")
    List<DeadLetters.DeadLetterRetry> retryAll(HttpServletRequest request, @PathVariable String group) {
        QueryParameters.check(request);
        return deadLetters.retryAll(group, caller());
    }

    @PostMapping("/api/dead-letters/{group}/sequences/{sequence}/retry")
    DeadLetters.DeadLetterRetry retry(HttpServletRequest request, @PathVariable String group,
                                      @PathVariable String sequence) {
        QueryParameters.check(request);
        return deadLetters.retry(group, sequence, caller());
    }

    /** Evicts the sequence and returns the evicted events. */
    @DeleteMapping("/api/dead-letters/{group}/sequences/{sequence}")
    List<DeadLetterView> evict(HttpServletRequest request, @PathVariable String group,
                               @PathVariable String sequence) {
        QueryParameters.check(request);
        return deadLetters.evict(group, sequence, caller());
    }

    private String caller() {
        return currentCaller.get().user().value();
    }
}
