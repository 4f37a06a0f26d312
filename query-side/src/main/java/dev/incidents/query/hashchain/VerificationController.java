package dev.incidents.query.hashchain;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import dev.incidents.access.CurrentCaller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.web.RequestValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST access to the verification of an incident's hash chain; {@link HashChainApiAuthorization} limits it. */
@RestController
@RequestMapping("/api/incidents")
class VerificationController {

    private static final Logger log = LoggerFactory.getLogger(VerificationController.class);

    private final ChainVerification verification;
    private final CurrentCaller currentCaller;

    VerificationController(ChainVerification verification, CurrentCaller currentCaller) {
        this.verification = verification;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/{id}/verification")
    VerificationReport verify(HttpServletRequest request, @PathVariable("id") String id) {
        IncidentId incidentId = RequestValues.incidentId("id", id);
        QueryParameters.check(request);
        log.info("User {} verifies the hash chain of incident {}", currentCaller.get().user(), incidentId);
        return verification.verify(incidentId);
    }
}
