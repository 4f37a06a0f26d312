package dev.incidents.query.sla;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.query.web.QueryParameters;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to the live service level queues. {@code group} selects one support group; without it the page
 * lists every group the caller may open. {@code page} (0-based) and {@code size} (default 20, maximum 200) page the
 * entries.
 */
@RestController
@RequestMapping("/api/service-levels")
class ServiceLevelQueueController {

    /** Query parameters of both queues; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("group", "page", "size");

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;

    ServiceLevelQueueController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/at-risk")
    ServiceLevelQueuePage atRisk(HttpServletRequest request,
                                 @RequestParam(name = "group", required = false) String group,
                                 @RequestParam(name = "page", required = false) String page,
                                 @RequestParam(name = "size", required = false) String size) {
        return fetch(request, AlertLevel.AT_RISK, group, page, size);
    }

    @GetMapping("/breached")
    ServiceLevelQueuePage breached(HttpServletRequest request,
                                   @RequestParam(name = "group", required = false) String group,
                                   @RequestParam(name = "page", required = false) String page,
                                   @RequestParam(name = "size", required = false) String size) {
        return fetch(request, AlertLevel.BREACHED, group, page, size);
    }

    private ServiceLevelQueuePage fetch(HttpServletRequest request, AlertLevel level, String group, String page,
                                        String size) {
        QueryParameters.check(request, PARAMETERS);
        String groupId = group == null ? null : RequestValues.supportGroup("group", group).value();
        FetchServiceLevelQueueQuery query = new FetchServiceLevelQueueQuery(level, groupId, RequestValues.page(page),
                RequestValues.size(size), currentCaller.get());
        return queryGateway.query(query, ResponseTypes.instanceOf(ServiceLevelQueuePage.class)).join();
    }
}
