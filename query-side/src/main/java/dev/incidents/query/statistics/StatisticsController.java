package dev.incidents.query.statistics;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.query.FetchStatisticsQuery;
import dev.incidents.api.query.IncidentStatistics;

/** REST access to the incident statistics. */
@RestController
class StatisticsController {

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;

    StatisticsController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/api/statistics")
    IncidentStatistics statistics(HttpServletRequest request) {
        QueryParameters.check(request);
        return queryGateway.query(new FetchStatisticsQuery(currentCaller.get()),
                        ResponseTypes.instanceOf(IncidentStatistics.class))
                .join();
    }
}
