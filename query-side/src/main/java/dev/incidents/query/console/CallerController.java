package dev.incidents.query.console;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.query.web.QueryParameters;

/**
 * {@code GET /api/caller}: who the credentials of the request belong to, with their roles and groups as both sides
 * resolve them. The console calls it to check a password at sign-in and to choose which queues, links and commands to
 * show. The API still checks every request on its own.
 */
@RestController
class CallerController {

    private final CurrentCaller currentCaller;
    private final SupportGroupId serviceDeskGroup;

    CallerController(CurrentCaller currentCaller,
                     @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup) {
        this.currentCaller = currentCaller;
        this.serviceDeskGroup = new SupportGroupId(serviceDeskGroup);
    }

    /**
     * The authenticated caller.
     *
     * @param groups           the support groups the user belongs to, home group first
     * @param managedGroups    the groups the user manages, with every group below them
     * @param serviceDeskGroup the group whose queue is the service desk queue
     */
    record CallerView(String user, Set<Role> roles, List<String> groups, Set<String> managedGroups,
                      String serviceDeskGroup) {
    }

    @GetMapping("/api/caller")
    CallerView caller(HttpServletRequest request) {
        QueryParameters.check(request);
        Caller caller = currentCaller.get();
        return new CallerView(caller.user().value(), caller.roles(),
                caller.groups().stream().map(SupportGroupId::value).toList(),
                caller.managedGroups().stream().map(SupportGroupId::value).collect(Collectors.toSet()),
                serviceDeskGroup.value());
    }
}
