import { ApiError, announce, element, formatInstant, queryGet, readEventStream, renderFrame, requireSession }
    from './api.js';
import { enumText, priorityText } from './format.js';
import { openableQueues } from './permits.js';
import { serviceLevelBadge, serviceLevelState } from './sla.js';

const RECONNECT_DELAY_MS = 3000;
const PAGE_SIZES = ['10', '20', '50'];

const session = await requireSession();
renderFrame(session, 'queues');

const queues = openableQueues(session.caller);
const parameters = new URLSearchParams(location.search);
const view = {
    queue: queues.find(queue => queue.key === parameters.get('queue')) || queues[0],
    page: Math.max(0, Number.parseInt(parameters.get('page'), 10) || 0),
    size: PAGE_SIZES.includes(parameters.get('size')) ? parameters.get('size') : '20',
    sort: ['queue', 'due', 'priority'].includes(parameters.get('sort')) ? parameters.get('sort') : 'queue',
};
/** The last page the stream sent, and the ids it held, to mark incidents that arrive later. */
let shownPage = null;
let knownIds = null;
const newIds = new Set();
/** Service level state by incident id and version, so a page sent again reads only changed incidents. */
const serviceLevels = new Map();
let stream = null;

const sortSelect = document.getElementById('sort');
const sizeSelect = document.getElementById('size');
sortSelect.value = view.sort;
sizeSelect.value = view.size;

if (!view.queue) {
    document.getElementById('queue-title').textContent = 'No queue';
    document.getElementById('queue-controls').hidden = true;
    document.getElementById('queue-table').hidden = true;
    announce('Your roles open no queue. Open an incident by its address: /console/incident.html?id=ID', 'info');
} else {
    renderQueueLinks();
    refreshCounts();
    follow();
}

sortSelect.addEventListener('change', () => {
    view.sort = sortSelect.value;
    remember();
    renderRows();
});
sizeSelect.addEventListener('change', () => {
    view.size = sizeSelect.value;
    view.page = 0;
    remember();
    follow();
});
document.getElementById('previous-page').addEventListener('click', () => turnPage(-1));
document.getElementById('next-page').addEventListener('click', () => turnPage(1));

function turnPage(step) {
    view.page = Math.max(0, view.page + step);
    remember();
    follow();
}

/** Keeps the view in the address, so a reload or a shared link opens the same queue page. */
function remember() {
    const query = new URLSearchParams({ queue: view.queue.key, page: view.page, size: view.size, sort: view.sort });
    history.replaceState(null, '', '?' + query);
}

function renderQueueLinks() {
    const list = document.getElementById('queue-links');
    list.replaceChildren(...queues.map(queue => {
        const link = element('a', { href: '?queue=' + encodeURIComponent(queue.key), 'data-queue': queue.key },
            queue.title + ' ', element('span', { class: 'count', id: 'count-' + queue.key }, ''));
        if (queue === view.queue) {
            link.setAttribute('aria-current', 'page');
        }
        return element('li', {}, link);
    }));
    document.getElementById('queue-title').textContent = view.queue.title;
}

/** Reads the total of every queue of the list, one incident per request. */
async function refreshCounts() {
    for (const queue of queues) {
        const count = document.getElementById('count-' + queue.key);
        try {
            const { body } = await queryGet(session, '/api/queues' + queue.path + '?page=0&size=1');
            count.textContent = '(' + body.total + ')';
        } catch (failure) {
            count.textContent = '(not available)';
        }
    }
}

let countsTimer = null;
function refreshCountsSoon() {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(refreshCounts, 300);
}

/**
 * Follows the current queue page over its server-sent event stream: the first event is the page as it is, each
 * later one the page after a change. The stream reconnects after an interruption.
 */
async function follow() {
    if (stream) {
        stream.abort();
    }
    const controller = new AbortController();
    stream = controller;
    knownIds = null;
    newIds.clear();
    const path = '/api/queues' + view.queue.path + '/stream?page=' + view.page + '&size=' + view.size;
    liveState('connecting…');
    try {
        await readEventStream(session, path, (name, data) => {
            if (name === 'page') {
                liveState('on');
                showPage(JSON.parse(data));
            }
        }, controller.signal);
    } catch (failure) {
        if (controller.signal.aborted) {
            return;
        }
        if (failure instanceof ApiError && failure.status >= 400 && failure.status < 500) {
            liveState('off');
            announce(failure.message, 'error');
            return;
        }
    }
    if (!controller.signal.aborted) {
        liveState('interrupted, reconnecting…');
        setTimeout(() => {
            if (stream === controller) {
                follow();
            }
        }, RECONNECT_DELAY_MS);
    }
}

function liveState(text) {
    document.getElementById('live-state').textContent = 'Live updates: ' + text;
}

function showPage(page) {
    const ids = page.items.map(item => item.incidentId);
    if (knownIds !== null) {
        const arrived = ids.filter(id => !knownIds.has(id));
        arrived.forEach(id => newIds.add(id));
        if (arrived.length > 0) {
            announce(arrived.length === 1 ? 'One incident arrived in this queue.'
                : arrived.length + ' incidents arrived in this queue.');
        }
        refreshCountsSoon();
    }
    knownIds = new Set([...(knownIds || []), ...ids]);
    shownPage = page;

    const pages = Math.max(1, Math.ceil(page.total / page.size));
    if (page.items.length === 0 && page.page > 0 && page.page >= pages) {
        view.page = pages - 1;
        remember();
        follow();
        return;
    }
    document.getElementById('queue-summary').textContent = page.total === 1 ? '1 incident in this queue.'
        : page.total + ' incidents in this queue.';
    document.getElementById('count-' + view.queue.key).textContent = '(' + page.total + ')';
    document.getElementById('page-position').textContent = 'Page ' + (page.page + 1) + ' of ' + pages;
    document.getElementById('previous-page').disabled = page.page === 0;
    document.getElementById('next-page').disabled = page.page + 1 >= pages;
    renderRows();
    loadServiceLevels(page.items);
}

/** Reads the service level clocks of the incidents whose version is not known yet, then shows them. */
async function loadServiceLevels(items) {
    const missing = items.filter(item => !serviceLevels.has(item.incidentId + '@' + item.version));
    await Promise.all(missing.map(async item => {
        try {
            const { body } = await queryGet(session, '/api/incidents/' + encodeURIComponent(item.incidentId)
                + '/service-level');
            serviceLevels.set(item.incidentId + '@' + item.version, serviceLevelState(body.reading));
        } catch (failure) {
            serviceLevels.set(item.incidentId + '@' + item.version, { state: 'unknown', text: 'Not available',
                dueAt: null });
        }
    }));
    if (missing.length > 0 && shownPage && shownPage.items === items) {
        renderRows();
    }
}

function levelOf(item) {
    return serviceLevels.get(item.incidentId + '@' + item.version);
}

/** Orders the incidents of the shownPage page; the API orders each queue itself and takes no sort parameter. */
function sortedItems() {
    const items = shownPage.items.map((item, position) => ({ item, position }));
    const byPosition = (a, b) => a.position - b.position;
    if (view.sort === 'due') {
        const due = entry => levelOf(entry.item)?.dueAt || '9999';
        items.sort((a, b) => due(a).localeCompare(due(b)) || byPosition(a, b));
    } else if (view.sort === 'priority') {
        const priority = entry => entry.item.priority || 'P9';
        items.sort((a, b) => priority(a).localeCompare(priority(b)) || byPosition(a, b));
    }
    return items.map(entry => entry.item);
}

function renderRows() {
    if (!shownPage) {
        return;
    }
    document.getElementById('due-heading').setAttribute('aria-sort', view.sort === 'due' ? 'ascending' : 'none');
    document.getElementById('priority-heading').setAttribute('aria-sort',
        view.sort === 'priority' ? 'ascending' : 'none');
    document.getElementById('queue-caption').textContent = view.queue.title + ', page ' + (shownPage.page + 1)
        + (view.sort === 'queue' ? '' : ', sorted by ' + sortSelect.selectedOptions[0].textContent.toLowerCase());
    const rows = sortedItems().map(item => {
        const level = levelOf(item);
        const arrived = newIds.has(item.incidentId);
        const link = element('a', { href: '/console/incident.html?id=' + encodeURIComponent(item.incidentId) },
            item.summary || item.incidentId);
        return element('tr', { 'data-incident-id': item.incidentId, class: arrived ? 'arrived' : null },
            element('td', {}, link, element('span', { class: 'incident-id' }, item.incidentId),
                arrived ? element('span', { class: 'badge badge-new' }, 'New') : null),
            element('td', {}, priorityText(item.priority)),
            element('td', {}, enumText(item.state)),
            element('td', {}, level ? serviceLevelBadge(level) : 'Loading…'),
            element('td', {}, (item.assignedGroup || '—') + (item.assignee ? ' / ' + item.assignee : '')),
            element('td', {}, item.requester || '—'),
            element('td', {}, formatInstant(item.reportedAt)));
    });
    if (rows.length === 0) {
        rows.push(element('tr', {}, element('td', { colspan: 7 }, 'This queue is empty.')));
    }
    // A keyboard user whose focus is on an incident link keeps it when a live update draws the rows again.
    const focusedRow = document.activeElement?.closest?.('#queue-rows tr[data-incident-id]');
    const focusedId = focusedRow ? focusedRow.getAttribute('data-incident-id') : null;
    document.getElementById('queue-rows').replaceChildren(...rows);
    if (focusedId) {
        document.querySelector('#queue-rows tr[data-incident-id="' + CSS.escape(focusedId) + '"] a')?.focus();
    }
}
