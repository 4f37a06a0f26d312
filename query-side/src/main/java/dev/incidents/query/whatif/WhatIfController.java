package dev.incidents.query.whatif;

import dev.incidents.query.analytics.ReportPermits;
import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import dev.incidents.access.CurrentCaller;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;

/** REST access to the what-if analysis of service levels. */
@RestController
@RequestMapping("/api/analytics/what-if")
class WhatIfController {

    /** Largest accepted body: 1,000 incident ids with an inline policy and calendar take about 40 KiB. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WhatIfController.class);

    private final WhatIfAnalysis analysis;
    private final CurrentCaller currentCaller;
    private final ReportPermits permits;

    WhatIfController(WhatIfAnalysis analysis, CurrentCaller currentCaller, ReportPermits permits) {
        this.analysis = analysis;
        this.currentCaller = currentCaller;
        this.permits = permits;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    WhatIfReport whatIf(HttpServletRequest request, InputStream body) throws IOException {
        QueryParameters.check(request);
        Caller caller = currentCaller.get();
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw bodyTooLarge();
            }
            WhatIfRequest whatIf = WhatIfRequestReader.read(bytes);
            return permits.compute("what-if", caller.user().value(), () -> analysis.run(caller, whatIf));
        } catch (ErrorResponseException e) {
            log.warn("Rejected the what-if request of user {} with {}: {}", caller.user(), e.getStatusCode(),
                    e.getBody().getDetail());
            throw e;
        }
    }

    private static ErrorResponseException bodyTooLarge() {
        ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.BODY_TOO_LARGE,
                "Request body too large", "The what-if request is larger than " + MAX_BODY_BYTES
                        + " bytes; name at most " + WhatIfRequest.MAX_INCIDENTS + " incidents.");
        return new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE, problem, null);
    }
}
