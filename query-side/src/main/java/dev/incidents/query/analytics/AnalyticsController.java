package dev.incidents.query.analytics;

import java.time.Instant;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.query.web.InvalidRequestValueException;
import dev.incidents.query.web.QueryParameters;

/**
 * REST access to the analytics: {@code GET /api/analytics/{metric}} with the optional filters {@code from},
 * {@code to}, {@code group}, {@code priority} and {@code category}, {@code groupBy}, and {@code asOf} for the
 * backlog. docs/analytics.md defines every figure.
 */
@RestController
class AnalyticsController {

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;
    private final ReportPermits permits;

    AnalyticsController(QueryGateway queryGateway, CurrentCaller currentCaller, ReportPermits permits) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
        this.permits = permits;
    }

    /** Query parameters of the analytics endpoint; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("from", "to", "group", "priority", "category", "groupBy", "asOf");

    @GetMapping("/api/analytics/{metric}")
    AnalyticsReport report(HttpServletRequest request,
                           @PathVariable("metric") String metric,
                           @RequestParam(name = "from", required = false) String from,
                           @RequestParam(name = "to", required = false) String to,
                           @RequestParam(name = "group", required = false) String group,
                           @RequestParam(name = "priority", required = false) String priority,
                           @RequestParam(name = "category", required = false) String category,
                           @RequestParam(name = "groupBy", required = false) String groupBy,
                           @RequestParam(name = "asOf", required = false) String asOf) {
        AnalyticsMetric parsedMetric = AnalyticsMetric.parse(metric);
        QueryParameters.check(request, PARAMETERS);
        AnalyticsFilter filter = AnalyticsParameters.filter(from, to, group, priority, category);
        AnalyticsGrouping grouping = AnalyticsGrouping.parse(groupBy);
        if (parsedMetric == AnalyticsMetric.THROUGHPUT && grouping == AnalyticsGrouping.WEEK) {
            throw new InvalidRequestValueException("groupBy", groupBy, "invalid groupBy 'week' for throughput: "
                    + "its figures are already per ISO week; use group, priority or category, or leave it out");
        }
        Instant backlogAt = AnalyticsParameters.instant("asOf", asOf);
        if (backlogAt != null && parsedMetric != AnalyticsMetric.BACKLOG) {
            throw new InvalidRequestValueException("asOf", asOf, "invalid parameter asOf for the " + metric
                    + " metric: use asOf only with backlog, or leave it out");
        }

        FetchAnalyticsQuery query = new FetchAnalyticsQuery(parsedMetric, filter, grouping, backlogAt,
                currentCaller.get());
        return permits.compute(parsedMetric.pathName(), query.caller().user().value(),
                () -> queryGateway.query(query, ResponseTypes.instanceOf(AnalyticsReport.class)).join());
    }
}
