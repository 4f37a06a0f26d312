// Which incident commands the console offers. This table is the console's only copy of the command side's rules:
// the states of IncidentCommand.java (strict live policy) and the "who may" column of IncidentPermissions.java,
// as docs/permissions.md lists them. WebConsoleIntegrationTest checks it against the command API, so a rule that
// changes there and not here fails that test for the cases it covers. The API checks every command again, so this
// table only decides what is shown.
//
// NOTE: commands that depend on lifecycle settings are never offered or kept strict. Reopening a CLOSED incident and
// reassigning a RESOLVED one are off by default, so they are never offered. A reopen after the reopen window
// (incidents.lifecycle.reopen-window) is still offered, and the API rejects it with its reason.

const OPEN = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING'];
const STAFF = ['SERVICE_DESK', 'SPECIALIST', 'MANAGER'];

const has = (caller, role) => caller.roles.includes(role);
const anyRole = (caller, ...roles) => roles.some(role => has(caller, role));
const staff = caller => anyRole(caller, ...STAFF);
const memberOf = (caller, group) => group != null && caller.groups.includes(group);
const manages = (caller, group) => group != null && caller.managedGroups.includes(group);
const managesEither = (caller, incident) => manages(caller, incident.assignedGroup) || manages(caller, incident.ownerGroup);
const isAssignee = (caller, incident) => incident.assignee != null && incident.assignee === caller.user && staff(caller);
const isRequester = (caller, incident) => incident.requester === caller.user;

/**
 * Incident commands by the last segment of their REST path: the states they are allowed in, who may send them,
 * and for some an extra condition on the incident that the command side checks.
 */
export const COMMAND_RULES = Object.freeze({
    classify: {
        states: OPEN,
        may: caller => anyRole(caller, 'SERVICE_DESK', 'SPECIALIST'),
    },
    assign: {
        states: ['NEW'],
        may: caller => anyRole(caller, 'SERVICE_DESK', 'SPECIALIST', 'MANAGER'),
    },
    accept: {
        states: ['ASSIGNED'],
        may: (caller, incident) => isAssignee(caller, incident)
            || staff(caller) && memberOf(caller, incident.assignedGroup),
    },
    reassign: {
        states: ['ASSIGNED', 'IN_PROGRESS', 'PENDING'],
        may: (caller, incident) => staff(caller) && (memberOf(caller, incident.assignedGroup)
            || memberOf(caller, incident.ownerGroup) || managesEither(caller, incident)),
    },
    'return-to-service-desk': {
        states: ['ASSIGNED'],
        may: (caller, incident) => staff(caller) && memberOf(caller, incident.assignedGroup),
        // An incident already assigned to its owner group has nowhere to return to.
        applies: incident => incident.assignedGroup !== incident.ownerGroup,
    },
    release: {
        states: ['IN_PROGRESS', 'PENDING'],
        may: (caller, incident) => isAssignee(caller, incident) || staff(caller)
            && (memberOf(caller, incident.assignedGroup) || manages(caller, incident.assignedGroup)),
    },
    'work-notes': {
        states: [...OPEN, 'RESOLVED'],
        may: caller => anyRole(caller, 'SERVICE_DESK', 'SPECIALIST'),
    },
    pend: {
        states: ['IN_PROGRESS'],
        may: (caller, incident) => isAssignee(caller, incident),
    },
    resume: {
        states: ['PENDING'],
        may: (caller, incident) => isAssignee(caller, incident) || isRequester(caller, incident),
    },
    escalate: {
        states: ['ASSIGNED', 'IN_PROGRESS', 'PENDING'],
        may: (caller, incident) => isAssignee(caller, incident) || staff(caller)
            && (memberOf(caller, incident.ownerGroup) || managesEither(caller, incident)),
    },
    resolve: {
        states: ['ASSIGNED', 'IN_PROGRESS'],
        may: (caller, incident) => isAssignee(caller, incident) || has(caller, 'SERVICE_DESK')
            || staff(caller) && memberOf(caller, incident.assignedGroup),
    },
    'reject-resolution': {
        states: ['RESOLVED'],
        may: (caller, incident) => isRequester(caller, incident) || has(caller, 'SERVICE_DESK'),
    },
    reopen: {
        states: ['RESOLVED'],
        may: (caller, incident) => isRequester(caller, incident) || has(caller, 'SERVICE_DESK'),
    },
    close: {
        states: ['RESOLVED'],
        may: (caller, incident) => isRequester(caller, incident)
            || staff(caller) && memberOf(caller, incident.ownerGroup),
    },
    cancel: {
        states: OPEN,
        may: (caller, incident) => has(caller, 'SERVICE_DESK')
            || staff(caller) && memberOf(caller, incident.ownerGroup),
    },
    'mark-duplicate': {
        states: OPEN,
        may: (caller, incident) => has(caller, 'SERVICE_DESK')
            || staff(caller) && memberOf(caller, incident.ownerGroup),
    },
    'transfer-ownership': {
        states: OPEN,
        may: (caller, incident) => staff(caller)
            && (memberOf(caller, incident.ownerGroup) || manages(caller, incident.ownerGroup)),
    },
    'resolution-promise': {
        states: OPEN,
        may: (caller, incident) => has(caller, 'SERVICE_DESK')
            || has(caller, 'SPECIALIST') && memberOf(caller, incident.assignedGroup)
            || has(caller, 'MANAGER') && manages(caller, incident.assignedGroup),
    },
});

/** Returns whether the caller may send the command to the incident in its current state. */
export function mayOffer(label, caller, incident) {
    const rule = COMMAND_RULES[label];
    if (!rule || !rule.states.includes(incident.state)) {
        return false;
    }
    if (rule.applies && !rule.applies(incident)) {
        return false;
    }
    return rule.may(caller, incident);
}

/** Returns the labels of the commands the caller may send to the incident, in the order of the table. */
export function offeredCommands(caller, incident) {
    return Object.keys(COMMAND_RULES).filter(label => mayOffer(label, caller, incident));
}

/**
 * Returns the queues the caller may open, by the rules of docs/visibility.md ("Queues"): each as {key, title,
 * path}, where path is the queue's API path without /api/queues. Groups include those the caller manages.
 */
export function openableQueues(caller) {
    const readsAll = anyRole(caller, 'SERVICE_DESK', 'AUDITOR', 'ANALYST', 'ADMIN');
    const serviceDesk = caller.serviceDeskGroup;
    const queues = [];
    const mayOpenGroup = group => readsAll
        || has(caller, 'MANAGER') && (manages(caller, group) || memberOf(caller, group))
        || has(caller, 'SPECIALIST') && memberOf(caller, group);

    if (mayOpenGroup(serviceDesk)) {
        queues.push({ key: 'service-desk', title: 'Service desk', path: '/service-desk' });
    }
    const groups = [...caller.groups];
    if (has(caller, 'MANAGER')) {
        groups.push(...caller.managedGroups.filter(group => !groups.includes(group)).sort());
    }
    for (const group of groups.filter(mayOpenGroup)) {
        queues.push({ key: 'group:' + group, title: 'Group ' + group, path: '/groups/' + encodeURIComponent(group) });
    }
    if (anyRole(caller, 'SPECIALIST', 'MANAGER', 'SERVICE_DESK')) {
        queues.push({ key: 'assignee', title: 'My work', path: '/assignees/' + encodeURIComponent(caller.user) });
    }
    if (has(caller, 'REQUESTER')) {
        queues.push({ key: 'requester', title: 'My incidents', path: '/requesters/' + encodeURIComponent(caller.user) });
    }
    return queues;
}
