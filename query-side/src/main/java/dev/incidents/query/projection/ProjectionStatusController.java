package dev.incidents.query.projection;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.api.query.FetchProjectionStatusQuery;
import dev.incidents.api.query.ProjectionStatus;

/** REST access to the progress of the projections; clients poll it until {@code caughtUp} after an import. */
@RestController
class ProjectionStatusController {

    private final QueryGateway queryGateway;

    ProjectionStatusController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping("/api/projections")
    ProjectionStatus status(HttpServletRequest request) {
        QueryParameters.check(request);
        return queryGateway.query(new FetchProjectionStatusQuery(), ResponseTypes.instanceOf(ProjectionStatus.class))
                .join();
    }
}
