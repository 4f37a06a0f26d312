package dev.incidents.query.sla;

import java.time.Clock;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.query.queue.AsOfParameters;
import dev.incidents.query.web.QueryParameters;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to the service level queues. {@code group} selects one support group; without it the page lists every
 * group the caller may open. {@code page} (0-based) and {@code size} (default 20, maximum 200) page the entries. With
 * {@code asOf} (an ISO-8601 instant, not in the future) and optionally {@code timeAxis} ({@code business}, the
 * default, or {@code recorded}) it returns the queue as it was at that instant.
 */
@RestController
@RequestMapping("/api/service-levels")
class ServiceLevelQueueController {

    /** Query parameters of both queues; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("group", "page", "size", "asOf", "timeAxis");

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    @Autowired
    ServiceLevelQueueController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this(queryGateway, currentCaller, Clock.systemUTC());
    }

    ServiceLevelQueueController(QueryGateway queryGateway, CurrentCaller currentCaller, Clock clock) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @GetMapping("/at-risk")
    ServiceLevelQueuePage atRisk(HttpServletRequest request,
                                 @RequestParam(name = "group", required = false) String group,
                                 @RequestParam(name = "page", required = false) String page,
                                 @RequestParam(name = "size", required = false) String size,
                                 @RequestParam(name = "asOf", required = false) String asOf,
                                 @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return fetch(request, AlertLevel.AT_RISK, group, page, size, asOf, timeAxis);
    }

    @GetMapping("/breached")
    ServiceLevelQueuePage breached(HttpServletRequest request,
                                   @RequestParam(name = "group", required = false) String group,
                                   @RequestParam(name = "page", required = false) String page,
                                   @RequestParam(name = "size", required = false) String size,
                                   @RequestParam(name = "asOf", required = false) String asOf,
                                   @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return fetch(request, AlertLevel.BREACHED, group, page, size, asOf, timeAxis);
    }

    private ServiceLevelQueuePage fetch(HttpServletRequest request, AlertLevel level, String group, String page,
                                        String size, String asOf, String timeAxis) {
        QueryParameters.check(request, PARAMETERS);
        AsOfParameters instant = AsOfParameters.parse(asOf, timeAxis, clock);
        String groupId = group == null ? null : RequestValues.supportGroup("group", group).value();
        FetchServiceLevelQueueQuery query = new FetchServiceLevelQueueQuery(level, groupId, RequestValues.page(page),
                RequestValues.size(size), currentCaller.get());

        Object message = instant == null ? query
                : new FetchServiceLevelQueueAsOfQuery(query, instant.asOf(), instant.axis());
        return queryGateway.query(message, ResponseTypes.instanceOf(ServiceLevelQueuePage.class)).join();
    }
}
