// Reads the query side's API with the credentials the console's sign-in page stored, and turns RFC 9457 problem
// details into sentences a manager can act on.

const USER_KEY = "incidents.console.user";
const AUTH_KEY = "incidents.console.auth";
const SIGN_IN_PAGE = "/console/index.html";
/** Retries of a request the server rejects as busy (503 with Retry-After), before the page shows the problem. */
const BUSY_RETRIES = 3;
const MAX_RETRY_AFTER_SECONDS = 30;

/** The signed-in user, or null when the session contains no credentials. */
export function signedInUser() {
    const user = sessionStorage.getItem(USER_KEY);
    const authorization = sessionStorage.getItem(AUTH_KEY);
    if (!user || !authorization) {
        return null;
    }
    return { user, authorization };
}

/** Sends the browser to the sign-in page, which comes back to this page after the sign-in. */
export function redirectToSignIn() {
    const next = window.location.pathname + window.location.search;
    window.location.assign(SIGN_IN_PAGE + "?next=" + encodeURIComponent(next));
}

/** Removes the stored credentials and opens the sign-in page. */
export function signOut() {
    sessionStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(AUTH_KEY);
    redirectToSignIn();
}

/** An API request that failed, with the problem details the server sent and a plain sentence for the page. */
export class ApiError extends Error {
    constructor(status, problem, message) {
        super(message);
        this.status = status;
        this.problem = problem;
    }
}

/** Sends a GET to the query side and returns the parsed JSON body; raises an ApiError for any other status. */
export function getJson(path) {
    return send(path, { method: "GET" });
}

/** Sends a JSON POST to the query side and returns the parsed JSON body; raises an ApiError otherwise. */
export function postJson(path, body) {
    return send(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
}

async function send(path, init) {
    const credentials = signedInUser();
    if (credentials === null) {
        redirectToSignIn();
        throw new ApiError(401, null, "You are not signed in.");
    }

    const headers = Object.assign({ Accept: "application/json" }, init.headers, {
        Authorization: credentials.authorization,
    });
    let response = await fetchOnce(path, Object.assign({}, init, { headers }));
    for (let retry = 1; retry <= BUSY_RETRIES && response.status === 503 && response.headers.has("Retry-After");
        retry++) {
        // The query side computes a bounded number of reports at once, and Retry-After gives the delay before a retry.
        await delay(retryAfterSeconds(response) * 1000);
        response = await fetchOnce(path, Object.assign({}, init, { headers }));
    }

    if (response.ok) {
        return response.json();
    }
    const problem = await readProblem(response);
    throw new ApiError(response.status, problem, describeProblem(response.status, problem));
}

async function fetchOnce(path, init) {
    try {
        return await fetch(path, init);
    } catch (networkError) {
        throw new ApiError(0, null, "The query side did not respond (" + networkError.message + "). Check that it "
            + "is running, then apply the filters again.");
    }
}

function retryAfterSeconds(response) {
    const seconds = Number.parseInt(response.headers.get("Retry-After"), 10);
    if (Number.isNaN(seconds) || seconds < 1) {
        return 1;
    }
    return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

function delay(milliseconds) {
    return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function readProblem(response) {
    try {
        return await response.json();
    } catch (notJson) {
        return null;
    }
}

/** Returns the server's detail as a sentence: capitalised and ending with a full stop. */
function sentence(detail) {
    const trimmed = detail.trim();
    if (!trimmed) {
        return "";
    }
    const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
    return /[.!?]$/.test(capitalised) ? capitalised : capitalised + ".";
}

/** Builds one or two plain sentences from a problem: what failed, and what to do next. */
export function describeProblem(status, problem) {
    const detail = sentence(problem && typeof problem.detail === "string" ? problem.detail : "");
    if (status === 401) {
        return "Your sign-in was not accepted: the user name or password is wrong, or the server was restarted "
            + "with new passwords. Sign in again.";
    }
    if (status === 403) {
        return "You may not read these figures. " + (detail || "Your roles do not allow this request.")
            + " Managers see the support groups they manage, and analysts and admins see every group.";
    }
    if (status === 404) {
        return "Not found. " + (detail || "The server has nothing under the name the request gives.");
    }
    if (status === 400) {
        return "The server rejected a value. " + (detail || "Check the filters.");
    }
    if (status === 503 && problem && problem.code === "REPORTS_BUSY") {
        return "The server is busy computing other reports and did not get to this one. Apply the filters again "
            + "in a few seconds.";
    }
    if (status >= 500) {
        return "The server failed to answer (HTTP " + status + "). " + (detail ? detail + " " : "")
            + "Try again in a moment, and tell an admin if it keeps failing.";
    }
    return "The request failed with HTTP " + status + ". " + detail;
}
