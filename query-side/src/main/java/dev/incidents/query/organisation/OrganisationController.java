package dev.incidents.query.organisation;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import dev.incidents.api.incident.Values;
import dev.incidents.api.query.FetchOrganisationQuery;
import dev.incidents.api.query.OrganisationVersion;
import dev.incidents.query.web.InvalidRequestValueException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

/** REST access to the published versions of the organisation. */
@RestController
@RequestMapping("/api/organisation")
class OrganisationController {

    private final QueryGateway queryGateway;

    OrganisationController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    OrganisationVersion current(HttpServletRequest request) {
        QueryParameters.check(request);
        return fetch(null).orElseThrow(() -> notFound("No organisation version has been projected yet. The"
                + " command side publishes one at start; retry once GET /api/projections reports caughtUp."));
    }

    @GetMapping("/versions/{version}")
    OrganisationVersion version(HttpServletRequest request, @PathVariable("version") String version) {
        long number = parseVersion(version);
        QueryParameters.check(request);
        return fetch(number).orElseThrow(() -> notFound("No organisation version " + number
                + " has been projected. GET /api/organisation shows the latest version."));
    }

    private Optional<OrganisationVersion> fetch(Long version) {
        return queryGateway.query(new FetchOrganisationQuery(version),
                ResponseTypes.optionalInstanceOf(OrganisationVersion.class)).join();
    }

    private static long parseVersion(String value) {
        try {
            long number = Long.parseLong(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the rule.
        }
        throw new InvalidRequestValueException("version", value, "invalid version '" + Values.truncate(value)
                + "': use a whole number from 1");
    }

    private static ErrorResponseException notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Organisation version not found");
        problem.setType(URI.create("/problems/organisation-version-not-found"));
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
