// Session, HTTP and page frame shared by every console page. The console keeps no data of its own: it reads the
// query side's API (same origin) and sends commands to the command side's API, both with the signed-in user's
// HTTP Basic credentials, and the servers check every request.

export const SESSION = Object.freeze({
    user: 'incidents.console.user',
    auth: 'incidents.console.auth',
    commandUrl: 'incidents.console.commandUrl',
    caller: 'incidents.console.caller',
});

/** Roles that may open the manager dashboard, whose own page is under /console/dashboard/. */
export const DASHBOARD_ROLES = ['MANAGER', 'ANALYST', 'ADMIN'];

/** An API request that failed, with the problem details the server sent (RFC 9457) when it sent any. */
export class ApiError extends Error {
    constructor(status, problem, fallback) {
        super(describeProblem(status, problem, fallback));
        this.status = status;
        this.problem = problem;
    }
}

/**
 * Returns the signed-in session, or sends the browser to the sign-in page with the current page as `next`.
 * The returned promise never settles after a redirect.
 */
export function requireSession() {
    const user = sessionStorage.getItem(SESSION.user);
    const auth = sessionStorage.getItem(SESSION.auth);
    const callerJson = sessionStorage.getItem(SESSION.caller);
    if (!user || !auth || !callerJson) {
        const next = location.pathname + location.search;
        location.replace('/console/index.html?next=' + encodeURIComponent(next));
        return new Promise(() => {});
    }
    return Promise.resolve({
        user,
        auth,
        commandUrl: sessionStorage.getItem(SESSION.commandUrl),
        caller: JSON.parse(callerJson),
    });
}

/**
 * Checks the user name and password against the query side (GET /api/caller) and stores the session. Raises an
 * Error with a plain message when they are wrong or a server cannot be reached.
 */
export async function signIn(user, password) {
    const settings = await fetchJson('/console/settings.json', {}, 'The console settings could not be read');
    const auth = 'Basic ' + base64(user + ':' + password);
    let response;
    try {
        response = await fetch('/api/caller', { headers: { Authorization: auth }, credentials: 'omit' });
    } catch (failure) {
        throw new Error('The query side could not be reached. Check that the servers run (bin/incidents status).');
    }
    if (response.status === 401) {
        throw new Error('The user name or password is wrong. Check both and try again.');
    }
    if (!response.ok) {
        throw new ApiError(response.status, await problemOf(response), 'Sign-in failed');
    }
    const caller = await response.json();
    sessionStorage.setItem(SESSION.user, caller.user);
    sessionStorage.setItem(SESSION.auth, auth);
    sessionStorage.setItem(SESSION.commandUrl, settings.commandUrl);
    sessionStorage.setItem(SESSION.caller, JSON.stringify(caller));
    return caller;
}

export function signOut() {
    for (const key of Object.values(SESSION)) {
        sessionStorage.removeItem(key);
    }
    location.assign('/console/index.html');
}

/** Reads JSON from the query side. Returns {body, etag}; raises ApiError for any status but 200. */
export async function queryGet(session, path) {
    let response;
    try {
        response = await fetch(path, { headers: { Authorization: session.auth }, credentials: 'omit' });
    } catch (failure) {
        throw new ApiError(0, null, 'The query side could not be reached');
    }
    if (response.status === 401) {
        signOut();
    }
    if (!response.ok) {
        throw new ApiError(response.status, await problemOf(response), 'Reading ' + path + ' failed');
    }
    return { body: await response.json(), etag: response.headers.get('ETag') };
}

/**
 * Sends one incident command to the command side: POST {commandUrl}/api/incidents/{id}/{label}. A version is sent
 * as If-Match, so a command never applies to a state the user did not see. Each call gets its own
 * Idempotency-Key, so a retry by the browser of the same request applies at most once. Returns the response body;
 * raises ApiError with the server's problem details otherwise.
 */
export async function sendCommand(session, incidentId, label, body, version) {
    const headers = {
        Authorization: session.auth,
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey(),
    };
    if (version !== undefined && version !== null) {
        headers['If-Match'] = '"' + version + '"';
    }
    const url = session.commandUrl + '/api/incidents/' + encodeURIComponent(incidentId) + '/' + label;
    let response;
    try {
        response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'omit' });
    } catch (failure) {
        throw new ApiError(0, null, 'The command side at ' + session.commandUrl + ' could not be reached');
    }
    if (!response.ok) {
        throw new ApiError(response.status, await problemOf(response), 'The command failed');
    }
    return response.json();
}

/**
 * Reads a server-sent event stream with fetch, because EventSource cannot send the Authorization header. Calls
 * onEvent(name, data) for each event until the stream ends or `signal` aborts; resolves when the stream ends.
 */
export async function readEventStream(session, path, onEvent, signal) {
    const response = await fetch(path, {
        headers: { Authorization: session.auth, Accept: 'text/event-stream' },
        credentials: 'omit',
        signal,
    });
    if (!response.ok) {
        throw new ApiError(response.status, await problemOf(response), 'The live stream could not be opened');
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
        const { value, done } = await reader.read();
        if (done) {
            return;
        }
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            dispatchEvent(block, onEvent);
        }
    }
}

function dispatchEvent(block, onEvent) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
            name = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
            data.push(line.slice(5).replace(/^ /, ''));
        }
    }
    if (data.length > 0) {
        onEvent(name, data.join('\n'));
    }
}

/**
 * Turns an API error into plain words: a first sentence for the kind of failure, then the server's own detail,
 * which names the value and what to do.
 */
export function describeProblem(status, problem, fallback) {
    const lead = {
        0: fallback + '.',
        400: 'Some of the input is invalid.',
        401: 'Your sign-in is no longer valid. Sign in again.',
        403: 'You are not allowed to do this.',
        404: 'The incident was not found.',
        409: 'The incident\'s current state does not allow this.',
        412: 'Someone changed this incident after you opened it. Reload the page and try again.',
        413: 'The text is too long.',
        422: 'This request was already sent with other content.',
    }[status] || (fallback + ' (HTTP ' + status + ').');
    const detail = problem && typeof problem.detail === 'string' ? ' ' + problem.detail : '';
    return lead + detail;
}

async function problemOf(response) {
    try {
        return await response.json();
    } catch (failure) {
        return null;
    }
}

async function fetchJson(path, options, failureText) {
    let response;
    try {
        response = await fetch(path, { ...options, credentials: 'omit' });
    } catch (failure) {
        throw new Error(failureText + ': the query side could not be reached.');
    }
    if (!response.ok) {
        throw new ApiError(response.status, await problemOf(response), failureText);
    }
    return response.json();
}

function base64(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (const byte of bytes) {
        binary += String.fromCharCode(byte);
    }
    return btoa(binary);
}

function idempotencyKey() {
    if (globalThis.crypto && crypto.randomUUID) {
        return crypto.randomUUID();
    }
    return 'console-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
}

/** Returns true when the caller has at least one of the roles. */
export function hasAnyRole(caller, ...roles) {
    return roles.some(role => caller.roles.includes(role));
}

/**
 * Fills the page's header with the navigation the caller's roles can use and a sign-out button, and marks the
 * link of the current page.
 */
export function renderFrame(session, current) {
    const nav = document.getElementById('main-nav');
    const links = [{ href: '/console/queues.html', text: 'Queues', key: 'queues' }];
    if (hasAnyRole(session.caller, ...DASHBOARD_ROLES)) {
        links.push({ href: '/console/dashboard/', text: 'Dashboard', key: 'dashboard' });
    }
    const list = element('ul', { class: 'nav-links' });
    for (const link of links) {
        const anchor = element('a', { href: link.href }, link.text);
        if (link.key === current) {
            anchor.setAttribute('aria-current', 'page');
        }
        list.append(element('li', {}, anchor));
    }
    const who = element('span', { class: 'signed-in-as' },
        'Signed in as ' + session.user + ' (' + session.caller.roles.slice().sort().join(', ') + ')');
    const signOutButton = element('button', { type: 'button', id: 'sign-out' }, 'Sign out');
    signOutButton.addEventListener('click', signOut);
    nav.replaceChildren(list, who, signOutButton);
}

/** Creates an element with attributes and children (nodes or text). */
export function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value !== undefined && value !== null && value !== false) {
            node.setAttribute(name, value === true ? '' : value);
        }
    }
    for (const child of children) {
        if (child !== undefined && child !== null) {
            node.append(child);
        }
    }
    return node;
}

/** Formats an ISO instant as "2025-03-03 09:00:00 UTC", or a dash for none. */
export function formatInstant(iso) {
    if (!iso) {
        return '—';
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return iso;
    }
    return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

/** Shows a message in the page's live status region, as an error or as information. */
export function announce(text, kind = 'info') {
    const region = document.getElementById('status');
    region.className = 'status status-' + kind;
    region.textContent = text;
}
