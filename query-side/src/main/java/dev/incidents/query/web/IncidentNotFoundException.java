package dev.incidents.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.IncidentId;

/** Failure raised when no read model contains the requested incident, rendered as a 404 problem detail. */
public class IncidentNotFoundException extends ErrorResponseException {

    public IncidentNotFoundException(IncidentId incidentId, String detail) {
        super(HttpStatus.NOT_FOUND, problem(incidentId, detail), null);
    }

    private static ProblemDetail problem(IncidentId incidentId, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ErrorCode.INCIDENT_NOT_FOUND, "Incident not found",
                detail);
        problem.setProperty("incidentId", incidentId.value());
        return problem;
    }
}
