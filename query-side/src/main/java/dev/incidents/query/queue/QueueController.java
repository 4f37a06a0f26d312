package dev.incidents.query.queue;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.QueueKind;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to the role queues. Every endpoint takes the 0-based {@code page} and the {@code size} (default 20,
 * maximum 200) query parameters, and returns only the incidents the caller may read.
 */
@RestController
@RequestMapping("/api/queues")
class QueueController {

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;

    QueueController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/service-desk")
    QueuePage serviceDesk(@RequestParam(name = "page", required = false) String page,
                          @RequestParam(name = "size", required = false) String size) {
        return fetch(QueueKind.SERVICE_DESK, null, page, size);
    }

    @GetMapping("/groups/{group}")
    QueuePage supportGroup(@PathVariable("group") String group,
                           @RequestParam(name = "page", required = false) String page,
                           @RequestParam(name = "size", required = false) String size) {
        String groupId = RequestValues.supportGroup("group", group).value();
        return fetch(QueueKind.SUPPORT_GROUP, groupId, page, size);
    }

    @GetMapping("/assignees/{user}")
    QueuePage assignee(@PathVariable("user") String user,
                       @RequestParam(name = "page", required = false) String page,
                       @RequestParam(name = "size", required = false) String size) {
        return fetch(QueueKind.ASSIGNEE, RequestValues.user("user", user).value(), page, size);
    }

    @GetMapping("/requesters/{user}")
    QueuePage requester(@PathVariable("user") String user,
                        @RequestParam(name = "page", required = false) String page,
                        @RequestParam(name = "size", required = false) String size) {
        return fetch(QueueKind.REQUESTER, RequestValues.user("user", user).value(), page, size);
    }

    private QueuePage fetch(QueueKind queue, String subject, String page, String size) {
        FetchQueuePageQuery query = new FetchQueuePageQuery(queue, subject, RequestValues.page(page),
                RequestValues.size(size), currentCaller.get());
        return queryGateway.query(query, ResponseTypes.instanceOf(QueuePage.class)).join();
    }
}
