import { announce, element, formatInstant, hasAnyRole, queryGet, renderFrame, requireSession, sendCommand }
    from './api.js';
import { COMMAND_FORMS, commandForm, utcInstant } from './commands.js';
import { enumText, priorityText } from './format.js';
import { offeredCommands } from './permits.js';
import { serviceLevelBadge, serviceLevelState } from './sla.js';

/** How long to wait for the query side to show a command's result before reading the page anyway. */
const CATCH_UP_TIMEOUT_MS = 10000;
/** How long to wait between two reads of a read model that has not caught up yet. */
const RETRY_INTERVAL_MS = 250;

const session = await requireSession();
renderFrame(session, 'incident');

const parameters = new URLSearchParams(location.search);
const incidentId = parameters.get('id');
const view = { asOf: parameters.get('asOf'), timeAxis: parameters.get('timeAxis') || 'business' };
const base = '/api/incidents/' + encodeURIComponent(incidentId || '');

/** Counts the loads of the page, so a history still awaited from an earlier load is not drawn over a later one. */
let loadCount = 0;

document.getElementById('as-of-form').addEventListener('submit', event => {
    event.preventDefault();
    view.asOf = utcInstant(document.getElementById('as-of-time').value);
    view.timeAxis = document.getElementById('time-axis').value;
    remember();
    load();
});
document.getElementById('show-current').addEventListener('click', () => {
    view.asOf = null;
    remember();
    load();
});

if (!incidentId) {
    announce('No incident is named: open an incident from a queue.', 'error');
} else {
    load();
}

function remember() {
    const query = new URLSearchParams({ id: incidentId });
    if (view.asOf) {
        query.set('asOf', view.asOf);
        query.set('timeAxis', view.timeAxis);
    }
    history.replaceState(null, '', '?' + query);
}

function asOfQuery() {
    return view.asOf ? '?' + new URLSearchParams({ asOf: view.asOf, timeAxis: view.timeAxis }) : '';
}

/** Reads the incident, its history and service level (as of the chosen instant, if any) and shows them. */
async function load() {
    const loadNumber = ++loadCount;
    let summary;
    let entries;
    try {
        [summary, entries] = await Promise.all([readSummary(), readHistory()]);
    } catch (failure) {
        document.getElementById('incident-content').hidden = true;
        announce(failure.message, 'error');
        return;
    }
    let level = null;
    try {
        level = serviceLevelState((await queryGet(session, base + '/service-level' + asOfQuery())).body.reading,
            view.asOf ? new Date(view.asOf) : new Date());
    } catch (failure) {
        level = { state: 'unknown', text: 'Not available', dueAt: null };
    }

    document.title = 'Incident ' + summary.incidentId + ' – Incident console';
    document.getElementById('incident-title').textContent = summary.summary || 'Incident ' + summary.incidentId;
    document.getElementById('incident-content').hidden = false;
    showAsOf();
    renderSummary(summary, level);
    if (entries === null) {
        awaitHistory(loadNumber);
    } else {
        renderNotes(entries);
        renderHistory(entries);
    }
    renderActions(summary);
    renderVerification();
}

/**
 * Returns the incident's summary. When the summary read model has no such incident but the event store has, as right
 * after a report, it reads the summary again until it is there or the wait runs out.
 */
async function readSummary() {
    try {
        return (await queryGet(session, base + asOfQuery())).body;
    } catch (failure) {
        if (failure.status !== 404 || view.asOf || !(await isInEventStore())) {
            throw failure;
        }
    }

    announce('This incident was reported moments ago. The page shows it once the read models contain it.');
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (true) {
        await pause(RETRY_INTERVAL_MS);
        try {
            const summary = (await queryGet(session, base)).body;
            announce('');
            return summary;
        } catch (failure) {
            if (failure.status !== 404 || Date.now() >= deadline) {
                throw failure;
            }
        }
    }
}

/**
 * Returns true when the event store contains the incident. The service level endpoint reads the incident's events
 * from the store, not from a read model, and returns 404 with NO_SERVICE_LEVEL_TERMS for an incident without terms.
 */
async function isInEventStore() {
    try {
        await queryGet(session, base + '/service-level');
        return true;
    } catch (failure) {
        return failure.status === 404 && failure.problem?.code === 'NO_SERVICE_LEVEL_TERMS';
    }
}

/**
 * Returns the incident's history, or null when the audit trail has no entry for it yet. Each read model follows the
 * event store on its own, so an incident reported moments ago can be in the summary before its history is recorded.
 */
async function readHistory() {
    try {
        return (await queryGet(session, base + '/history' + asOfQuery())).body;
    } catch (failure) {
        if (failure.status === 404 && !view.asOf) {
            return null;
        }
        throw failure;
    }
}

/** Shows that the history is not recorded yet and reads it again until it is, or until the wait runs out. */
async function awaitHistory(loadNumber) {
    const pendingText = 'The audit trail has not recorded this incident yet.';
    document.getElementById('work-notes').replaceChildren(element('li', {}, pendingText));
    document.getElementById('history').replaceChildren(element('li', {}, pendingText));

    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (Date.now() < deadline) {
        await pause(RETRY_INTERVAL_MS);
        let entries;
        try {
            entries = await readHistory();
        } catch (failure) {
            entries = null;
        }
        if (loadNumber !== loadCount) {
            return;
        }
        if (entries !== null) {
            renderNotes(entries);
            renderHistory(entries);
            return;
        }
    }
    const timedOutText = pendingText + ' Reload the page in a moment. GET /api/projections shows how far each read'
        + ' model has come.';
    document.getElementById('history').replaceChildren(element('li', {}, timedOutText));
}

function showAsOf() {
    const banner = document.getElementById('as-of-banner');
    if (view.asOf) {
        banner.hidden = false;
        banner.textContent = 'Showing the incident as it was at ' + formatInstant(view.asOf) + ' ('
            + (view.timeAxis === 'recorded' ? 'recording time' : 'business time')
            + '). Actions are off in this view; show the current state to act.';
        document.getElementById('as-of-time').value = view.asOf.replace(/Z$/, '').replace(/\.\d+$/, '');
        document.getElementById('time-axis').value = view.timeAxis;
    } else {
        banner.hidden = true;
    }
}

function renderSummary(summary, level) {
    const facts = [
        ['Incident', summary.incidentId],
        ['State', enumText(summary.state)],
        ['Service level', serviceLevelBadge(level)],
        ['Priority', priorityText(summary.priority)],
        ['Impact / urgency', enumText(summary.impact) + ' / ' + enumText(summary.urgency)],
        ['Category', summary.category || '—'],
        ['Requester', summary.requester || '—'],
        ['Owner group', summary.ownerGroup || '—'],
        ['Assigned group', summary.assignedGroup || '—'],
        ['Assignee', summary.assignee || '—'],
        ['Reported', formatInstant(summary.reportedAt)],
        ['Last change', formatInstant(summary.lastOccurredAt)],
        ['Resolved', formatInstant(summary.resolvedAt)],
        ['Closed', formatInstant(summary.closedAt)],
        ['Reassignments', String(summary.reassignmentCount)],
        ['Reopens', String(summary.reopenCount)],
        ['Version', String(summary.version)],
    ];
    document.getElementById('summary-facts').replaceChildren(...facts.flatMap(([term, value]) => [
        element('dt', {}, term), element('dd', { 'data-fact': term }, value)]));
}

function renderNotes(entries) {
    const notes = entries.filter(entry => entry.type === 'WorkNoteAdded');
    const list = document.getElementById('work-notes');
    if (notes.length === 0) {
        list.replaceChildren(element('li', {}, 'No work notes.'));
        return;
    }
    list.replaceChildren(...notes.map(entry => element('li', { class: 'note' },
        element('span', { class: 'note-meta' }, actorText(entry.actor) + ', ' + formatInstant(entry.occurredAt)
            + ', ' + (entry.details.visibility === 'CUSTOMER_VISIBLE' ? 'visible to the requester'
                : 'support staff only')),
        entry.details.text || '')));
}

function renderHistory(entries) {
    document.getElementById('history').replaceChildren(...entries.map(entry => {
        const item = element('li', { 'data-sequence': entry.sequenceNumber },
            element('div', { class: 'entry-head' }, eventText(entry.type) + ' by ' + actorText(entry.actor)),
            element('div', { class: 'entry-times' }, 'Business time ' + formatInstant(entry.occurredAt)
                + ' · recorded ' + formatInstant(entry.recordedAt) + ' · #' + entry.sequenceNumber));
        if (entry.changes.length > 0) {
            item.append(element('table', { class: 'changes' },
                element('caption', { class: 'visually-hidden' }, 'Changed fields'),
                element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, 'Field'),
                    element('th', { scope: 'col' }, 'Old value'), element('th', { scope: 'col' }, 'New value'))),
                element('tbody', {}, ...entry.changes.map(change => element('tr', {},
                    element('td', {}, change.field), element('td', {}, change.oldValue ?? '—'),
                    element('td', {}, change.newValue ?? '—'))))));
        }
        const details = Object.entries(entry.details || {}).filter(([name]) => name !== 'text' || entry.type !== 'WorkNoteAdded');
        if (details.length > 0) {
            item.append(element('dl', { class: 'facts' }, ...details.flatMap(([name, value]) => [
                element('dt', {}, name), element('dd', {}, value)])));
        }
        return item;
    }));
}

/** "AssignmentAccepted" becomes "Assignment accepted". */
function eventText(type) {
    const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
}

function actorText(actor) {
    if (!actor) {
        return 'the server';
    }
    const role = [actor.role, actor.group].filter(Boolean).join(', ');
    return actor.user + (role ? ' (' + role + ')' : '');
}

/** Shows a form for each command the signed-in person may send to the incident in its current state. */
function renderActions(summary) {
    const container = document.getElementById('actions');
    if (view.asOf) {
        container.replaceChildren(element('p', {}, 'Actions are off while the incident is shown as of an instant.'));
        return;
    }
    const groups = new Set([...session.caller.groups, session.caller.serviceDeskGroup, summary.ownerGroup,
        summary.assignedGroup].filter(Boolean));
    document.getElementById('known-groups').replaceChildren(...[...groups].sort()
        .map(group => element('option', { value: group })));

    const labels = offeredCommands(session.caller, summary);
    if (labels.length === 0) {
        container.replaceChildren(element('p', {}, 'You have no action on this incident in its current state.'));
        return;
    }
    container.replaceChildren(...Object.keys(COMMAND_FORMS).filter(label => labels.includes(label)).map(label => {
        const form = commandForm(label, session, (body, formElement) => submit(label, body, summary, formElement));
        return element('details', { 'data-command': label },
            element('summary', {}, COMMAND_FORMS[label].title), form);
    }));
}

async function submit(label, body, summary, form) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    announce('Sending: ' + COMMAND_FORMS[label].title + '…');
    try {
        const status = await sendCommand(session, summary.incidentId, label, body, summary.version);
        await awaitVersion(status.version);
        await load();
        announce(COMMAND_FORMS[label].title + ': done. The incident is now ' + enumText(status.state) + '.',
            'success');
    } catch (failure) {
        announce(failure.message, 'error');
        document.getElementById('status').focus();
    } finally {
        button.disabled = false;
    }
}

/** Waits until the query side has projected the incident up to `version`, so the page shows the command's result. */
async function awaitVersion(version) {
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (Date.now() < deadline) {
        const [{ body: summary }, entries] = await Promise.all([queryGet(session, base), readHistory()]);
        if (summary.version >= version && entries !== null && entries.some(entry => entry.sequenceNumber >= version)) {
            return;
        }
        await pause(RETRY_INTERVAL_MS);
    }
}

/** Checks the hash chain (auditors and admins only, as the API allows) and shows the result. */
async function renderVerification() {
    const panel = document.getElementById('verification-panel');
    if (!hasAnyRole(session.caller, 'AUDITOR', 'ADMIN')) {
        panel.hidden = true;
        return;
    }
    panel.hidden = false;
    const result = document.getElementById('verification');
    try {
        const { body: report } = await queryGet(session, base + '/verification');
        if (report.valid) {
            result.className = 'verification-valid';
            result.textContent = 'Valid: all ' + report.entriesChecked + ' recorded entries match the event store'
                + (report.unrecordedEntries > 0 ? ', and ' + report.unrecordedEntries
                    + ' newer events are not recorded yet.' : '.');
        } else {
            const first = report.firstBreak;
            result.className = 'verification-broken';
            result.textContent = 'Broken: ' + report.brokenEntries + ' of ' + report.entriesChecked
                + ' entries do not match the event store' + (first ? '. The first is #' + first.sequenceNumber
                    + ': ' + first.reason + '.' : '.');
        }
    } catch (failure) {
        result.className = 'verification-broken';
        result.textContent = failure.message;
    }
}

/** Returns a promise that settles after `milliseconds`. */
function pause(milliseconds) {
    return new Promise(resolve => setTimeout(resolve, milliseconds));
}
