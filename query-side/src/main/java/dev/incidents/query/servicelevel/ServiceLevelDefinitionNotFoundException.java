package dev.incidents.query.servicelevel;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.incident.Values;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Failure raised when no projected version matches a business calendar or policy reference, rendered as 404. */
public class ServiceLevelDefinitionNotFoundException extends ErrorResponseException {

    /** No business calendar version matches (HTTP 404). */
    public static final String CALENDAR_NOT_FOUND = "BUSINESS_CALENDAR_NOT_FOUND";
    /** No service level policy version matches (HTTP 404). */
    public static final String POLICY_NOT_FOUND = "SERVICE_LEVEL_POLICY_NOT_FOUND";

    private ServiceLevelDefinitionNotFoundException(ProblemDetail problem) {
        super(HttpStatus.NOT_FOUND, problem, null);
    }

    /**
     * Returns the failure for a calendar.
     *
     * @param version the version asked for, or null for the latest
     */
    public static ServiceLevelDefinitionNotFoundException calendar(String id, Integer version, String detail) {
        return new ServiceLevelDefinitionNotFoundException(
                problem(CALENDAR_NOT_FOUND, "Business calendar not found", "calendarId", id, version, detail));
    }

    /**
     * Returns the failure for a policy.
     *
     * @param version the version asked for, or null for the latest
     */
    public static ServiceLevelDefinitionNotFoundException policy(String id, Integer version, String detail) {
        return new ServiceLevelDefinitionNotFoundException(
                problem(POLICY_NOT_FOUND, "Service level policy not found", "policyId", id, version, detail));
    }

    private static ProblemDetail problem(String code, String title, String idProperty, String id, Integer version,
                                         String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, code, title, detail);
        problem.setProperty(idProperty, Values.truncate(id));
        if (version != null) {
            problem.setProperty("version", version);
        }
        return problem;
    }
}
