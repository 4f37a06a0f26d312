// The service dashboard: reads GET /api/analytics/{metric} for the chosen filters and draws each report as a
// chart with a table of the same figures. docs/analytics.md defines every figure, and this page computes none.

import { ApiError, getJson, redirectToSignIn, signOut, signedInUser } from "./client.js";
import { barChart, lineChart } from "./charts.js";
import { PRIORITY_LABELS, element, figureTable, paragraph } from "./tables.js";
import { setUpWhatIf } from "./whatif.js";

/** Roles that may read the analytics. The API still limits a manager to the groups they manage. */
const DASHBOARD_ROLES = ["MANAGER", "ANALYST", "ADMIN"];
const DEFAULT_PERIOD_DAYS = 30;
const FILTER_NAMES = ["from", "to", "group", "priority", "category", "asOf", "basis"];
/**
 * Cards loaded at once. The query side may bound the reports it computes at the same time
 * (incidents.analytics.max-concurrent-reports, default 2) and respond with 503 and Retry-After beyond that, so more
 * parallel requests would only wait for a free slot.
 */
const PARALLEL_REQUESTS = 2;


const pageStatus = document.getElementById("page-status");
const pageProblem = document.getElementById("page-problem");
const filterForm = document.getElementById("filters");

function showPageProblem(message) {
    pageProblem.textContent = message;
    pageProblem.hidden = false;
}

function clearPageProblem() {
    pageProblem.textContent = "";
    pageProblem.hidden = true;
}

function isoDate(date) {
    return date.toISOString().slice(0, 10);
}

/** Returns the filters from the page's address, with a period of the last 30 UTC days where none is given. */
function initialFilters() {
    const parameters = new URLSearchParams(window.location.search);
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const start = new Date(tomorrow);
    start.setUTCDate(start.getUTCDate() - DEFAULT_PERIOD_DAYS);
    const filters = { from: isoDate(start), to: isoDate(tomorrow), basis: "wallClock" };
    for (const name of FILTER_NAMES) {
        if (parameters.get(name)) {
            filters[name] = parameters.get(name);
        }
    }
    return filters;
}

function readFilters() {
    const filters = {};
    for (const name of FILTER_NAMES) {
        filters[name] = filterForm.elements[name].value.trim();
    }
    return filters;
}

function writeFilters(filters) {
    const groupSelect = filterForm.elements.group;
    const listed = Array.from(groupSelect.options).some((option) => option.value === filters.group);
    if (filters.group && !listed) {
        // A group named in the page's address but not in the list stays selected, and the API decides whether
        // the caller may read it.
        groupSelect.appendChild(element("option", { value: filters.group }, filters.group + " · not in your list"));
    }
    for (const name of FILTER_NAMES) {
        const control = filterForm.elements[name];
        if (filters[name] !== undefined) {
            control.value = filters[name];
        }
    }
}

/** Returns a sentence naming what is wrong with the filters, or null when the API may be asked. */
function invalidFilters(filters) {
    if (!filters.from || !filters.to) {
        return "Give both dates of the period.";
    }
    if (filters.to <= filters.from) {
        return "The second date of the period must be after the first, because the period excludes it.";
    }
    return null;
}

/** Builds the query string of one analytics request: the filters the metric takes, and its grouping. */
export function analyticsQuery(filters, metric, groupBy) {
    const parameters = new URLSearchParams();
    for (const name of ["from", "to", "group", "priority", "category"]) {
        if (filters[name]) {
            parameters.set(name, filters[name]);
        }
    }
    if (groupBy) {
        parameters.set("groupBy", groupBy);
    }
    if (metric === "backlog" && filters.asOf) {
        parameters.set("asOf", filters.asOf);
    }
    return "/api/analytics/" + metric + "?" + parameters.toString();
}

function keyLabel(key, groupBy) {
    if (key === null) {
        return groupBy ? "none" : "All incidents";
    }
    if (groupBy === "priority") {
        return PRIORITY_LABELS[key] || key;
    }
    return key;
}

function keyHeading(groupBy) {
    return { week: "ISO week", group: "Support group", priority: "Priority", category: "Category" }[groupBy]
        || "Incidents";
}

function bucketRows(report) {
    return report.buckets.map((bucket) => ({
        key: bucket.key,
        label: keyLabel(bucket.key, report.groupBy),
        source: bucket,
    }));
}

function seriesFrom(report, definitions) {
    return definitions.map((definition) => ({
        name: definition.name,
        values: report.buckets.map((bucket) => {
            const value = definition.path.split(".").reduce((object, step) => (object == null ? null : object[step]),
                bucket);
            return value === undefined ? null : value;
        }),
    }));
}

function describeGroups(report) {
    if (report.groups && report.groups.length > 0) {
        return " Counts the incidents filed under your groups: " + report.groups.join(", ") + ".";
    }
    return "";
}

const COMPLIANCE_SERIES = [
    { name: "Response", path: "figures.response.compliancePercent" },
    { name: "Resolution", path: "figures.resolution.compliancePercent" },
    { name: "Group stints", path: "figures.stints.compliancePercent" },
];

function renderCompliance(card, report, title) {
    const wide = report.groupBy === "week";
    const categories = report.buckets.map((bucket) => keyLabel(bucket.key, report.groupBy));
    const description = "Percentage of stopped clocks that met their target, per " + keyHeading(report.groupBy)
        .toLowerCase() + ", for the response clock, the resolution clock and the support group stints. The table "
        + "beside the chart lists the same figures.";
    const chartOptions = {
        title, description, categories, series: seriesFrom(report, COMPLIANCE_SERIES), unit: "%", maximum: 100,
    };
    const chart = wide ? lineChart(chartOptions) : barChart(chartOptions);

    const columns = wide
        ? [
            { heading: "Incidents", path: "incidents" },
            { heading: "Response met", path: "figures.response.met" },
            { heading: "Response breached", path: "figures.response.breached" },
            { heading: "Response %", path: "figures.response.compliancePercent" },
            { heading: "Resolution met", path: "figures.resolution.met" },
            { heading: "Resolution breached", path: "figures.resolution.breached" },
            { heading: "Resolution %", path: "figures.resolution.compliancePercent" },
            { heading: "Stints %", path: "figures.stints.compliancePercent" },
        ]
        : [
            { heading: "Incidents", path: "incidents" },
            { heading: "Response %", path: "figures.response.compliancePercent" },
            { heading: "Resolution %", path: "figures.resolution.compliancePercent" },
            { heading: "Stints %", path: "figures.stints.compliancePercent" },
        ];
    const table = figureTable(title, keyHeading(report.groupBy), columns, bucketRows(report));
    const note = "Only clocks that stopped with an outcome count; a dash means none did." + describeGroups(report);
    return [chart, table, paragraph(note, "note")];
}

function renderTimes(card, report, title, basis) {
    const basisText = basis === "business" ? "business hours of the customer calendar" : "every minute";
    const categories = report.buckets.map((bucket) => keyLabel(bucket.key, report.groupBy));
    const prefix = (clock) => "figures." + clock + "." + basis + ".";
    const series = seriesFrom(report, [
        { name: "Accept median", path: prefix("accept") + "median" },
        { name: "Accept p90", path: prefix("accept") + "p90" },
        { name: "Resolve median", path: prefix("resolve") + "median" },
        { name: "Resolve p90", path: prefix("resolve") + "p90" },
    ]);
    const chart = barChart({
        title,
        description: "Median and 90th percentile of the minutes from report to first acceptance and from report to "
            + "latest resolution, per priority, counting " + basisText + ".",
        categories, series, unit: " min",
    });
    const table = figureTable(title + " (minutes)", keyHeading(report.groupBy), [
        { heading: "Accepted", path: prefix("accept") + "count" },
        { heading: "Accept median", path: prefix("accept") + "median" },
        { heading: "Accept p90", path: prefix("accept") + "p90" },
        { heading: "Resolved", path: prefix("resolve") + "count" },
        { heading: "Resolve median", path: prefix("resolve") + "median" },
        { heading: "Resolve p90", path: prefix("resolve") + "p90" },
    ], bucketRows(report));
    const note = "Minutes counting " + basisText + ". Percentiles are nearest-rank, so each is an observed time."
        + describeGroups(report);
    return [chart, table, paragraph(note, "note")];
}

function renderBacklog(card, report, title) {
    const bucket = report.buckets[0];
    const ages = bucket.figures.ages;
    const chart = barChart({
        title,
        description: "Incidents open at " + report.asOf + ", by age since their report.",
        categories: ages.map((age) => age.age),
        series: [{ name: "Open incidents", values: ages.map((age) => age.incidents) }],
        counts: true,
    });
    const rows = ages.map((age, index) => ({
        key: bucket.key, label: age.age, source: { open: age.incidents, index, bucket },
    }));
    const table = figureTable(title, "Age", [{ heading: "Open incidents", path: "open" }], rows);
    // The cells read the bucket's own paths, so a check against the API compares like with like.
    table.querySelectorAll("tbody tr").forEach((row, index) => {
        row.querySelector("td").setAttribute("data-figure", "figures.ages." + index + ".incidents");
    });
    const total = figureTable("Open incidents in total", "Incidents", [
        { heading: "Open", path: "figures.open" },
        { heading: "Reported by then", path: "incidents" },
    ], [{ key: bucket.key, label: "All ages", source: bucket }]);
    const note = "Open at " + report.asOf + " (UTC). An incident counts from its report, reopen or rejected "
        + "resolution until its resolution or cancellation." + describeGroups(report);
    return [chart, table, total, paragraph(note, "note")];
}

function renderReassignments(card, report, title) {
    const categories = report.buckets.map((bucket) => keyLabel(bucket.key, report.groupBy));
    const chart = barChart({
        title,
        description: "Per support group: incidents reassigned at least once, all reassignments, incidents that "
            + "went back to a group that held them before, and how often that happened.",
        categories,
        series: seriesFrom(report, [
            { name: "Reassigned incidents", path: "figures.reassignedIncidents" },
            { name: "Reassignments", path: "figures.reassignments" },
            { name: "Ping-pong incidents", path: "figures.pingPongIncidents" },
            { name: "Ping-pongs", path: "figures.pingPongOccurrences" },
        ]),
        counts: true,
    });
    const table = figureTable(title, keyHeading(report.groupBy), [
        { heading: "Incidents", path: "figures.incidents" },
        { heading: "Reassigned incidents", path: "figures.reassignedIncidents" },
        { heading: "Reassignments", path: "figures.reassignments" },
        { heading: "Reassigned %", path: "figures.reassignmentRatePercent" },
        { heading: "Ping-pong incidents", path: "figures.pingPongIncidents" },
        { heading: "Ping-pongs", path: "figures.pingPongOccurrences" },
    ], bucketRows(report));
    const note = "A ping-pong is a return to a group that held the incident before; NET → DB → NET is one."
        + describeGroups(report);
    return [chart, table, paragraph(note, "note")];
}

function renderRates(card, report, title) {
    const categories = report.buckets.map((bucket) => keyLabel(bucket.key, report.groupBy));
    const chart = barChart({
        title,
        description: "Per support group: the share of resolved incidents that were reopened, and the share resolved "
            + "by the service desk at first contact.",
        categories,
        series: seriesFrom(report, [
            { name: "Reopened", path: "figures.reopenRatePercent" },
            { name: "First-contact resolution", path: "figures.firstContactResolutionRatePercent" },
        ]),
        unit: "%",
        maximum: 100,
    });
    const table = figureTable(title, keyHeading(report.groupBy), [
        { heading: "Resolved", path: "figures.resolvedIncidents" },
        { heading: "Reopened incidents", path: "figures.reopenedIncidents" },
        { heading: "Reopens", path: "figures.reopens" },
        { heading: "Reopen %", path: "figures.reopenRatePercent" },
        { heading: "First-contact resolutions", path: "figures.firstContactResolutions" },
        { heading: "First-contact %", path: "figures.firstContactResolutionRatePercent" },
    ], bucketRows(report));
    const note = "Both rates are shares of the incidents resolved at least once." + describeGroups(report);
    return [chart, table, paragraph(note, "note")];
}

function renderCard(card, report, filters) {
    const title = card.querySelector("h2").textContent;
    const metric = card.dataset.metric;
    if (report.buckets.length === 0) {
        return [paragraph("No incidents match these filters.", "note")];
    }
    if (metric === "service-levels") {
        return renderCompliance(card, report, title);
    }
    if (metric === "times") {
        return renderTimes(card, report, title, filters.basis || "wallClock");
    }
    if (metric === "backlog") {
        return renderBacklog(card, report, title);
    }
    if (card.dataset.view === "rates") {
        return renderRates(card, report, title);
    }
    return renderReassignments(card, report, title);
}

/** Reads one card's report and replaces the card's content. A failure is shown inside the card. */
async function loadCard(card, filters) {
    const body = card.querySelector(".card-body");
    const request = analyticsQuery(filters, card.dataset.metric, card.dataset.groupBy);
    card.dataset.state = "loading";
    card.dataset.request = request;
    card.setAttribute("aria-busy", "true");
    try {
        const report = await getJson(request);
        body.replaceChildren(...renderCard(card, report, filters));
        card.dataset.state = "loaded";
    } catch (error) {
        if (!(error instanceof ApiError)) {
            throw error;
        }
        body.replaceChildren(paragraph(error.message, "problem"));
        card.dataset.state = "failed";
        if (error.status === 401) {
            showPageProblem(error.message);
        }
    } finally {
        card.removeAttribute("aria-busy");
    }
}

function describeFilters(filters) {
    const parts = ["reported from " + filters.from + " to before " + filters.to];
    parts.push(filters.group ? "group " + filters.group : "every group you may read");
    if (filters.priority) {
        parts.push(PRIORITY_LABELS[filters.priority] || filters.priority);
    }
    if (filters.category) {
        parts.push("category " + filters.category);
    }
    return parts.join(", ");
}

async function loadFigures(filters) {
    const problem = invalidFilters(filters);
    if (problem) {
        showPageProblem(problem);
        return;
    }
    clearPageProblem();

    const address = new URLSearchParams();
    for (const name of FILTER_NAMES) {
        if (filters[name]) {
            address.set(name, filters[name]);
        }
    }
    window.history.replaceState(null, "", window.location.pathname + "?" + address.toString());

    document.body.dataset.state = "loading";
    pageStatus.textContent = "Loading the figures for incidents " + describeFilters(filters) + "…";
    const cards = Array.from(document.querySelectorAll("#figures .card"));
    const waiting = cards.slice();
    const worker = async () => {
        while (waiting.length > 0) {
            await loadCard(waiting.shift(), filters);
        }
    };
    await Promise.all(Array.from({ length: PARALLEL_REQUESTS }, worker));
    const failed = cards.filter((card) => card.dataset.state === "failed");
    const messages = new Set(failed.map((card) => card.querySelector(".problem").textContent));
    if (failed.length === cards.length && messages.size === 1) {
        // The same reason in every card, such as a group the caller may not read, is shown once at the top.
        showPageProblem(messages.values().next().value);
        for (const card of failed) {
            card.querySelector(".card-body").replaceChildren(
                paragraph("Not loaded, for the reason shown above the filters.", "problem"));
        }
    }
    pageStatus.textContent = "Figures for incidents " + describeFilters(filters) + ", read at "
        + new Date().toISOString().slice(11, 16) + " UTC."
        + (failed.length > 0 ? " " + failed.length + " of " + cards.length + " charts could not be loaded." : "");
    document.body.dataset.state = "ready";
}

/** Returns the groups `user` manages, each with every group below it. */
function managedGroups(organisation, user) {
    const managed = new Set(organisation.groups.filter((group) => group.manager === user).map((group) => group.id));
    let grew = true;
    while (grew) {
        grew = false;
        for (const group of organisation.groups) {
            if (group.reportsTo && managed.has(group.reportsTo) && !managed.has(group.id)) {
                managed.add(group.id);
                grew = true;
            }
        }
    }
    return organisation.groups.filter((group) => managed.has(group.id));
}

function fillGroupOptions(groups, allLabel) {
    const select = filterForm.elements.group;
    select.replaceChildren(element("option", { value: "" }, allLabel));
    for (const group of groups) {
        select.appendChild(element("option", { value: group.id }, group.id + " · " + group.name));
    }
}

/** Reads the caller's roles from the organisation, or returns null when the caller may not read it. */
async function callerRoles(user) {
    try {
        const organisation = await getJson("/api/organisation");
        const entry = organisation.users.find((candidate) => candidate.id === user);
        return { organisation, roles: entry ? entry.roles : [] };
    } catch (error) {
        if (error instanceof ApiError && error.status === 403) {
            return null;
        }
        throw error;
    }
}

async function start() {
    const credentials = signedInUser();
    if (credentials === null) {
        redirectToSignIn();
        return;
    }
    document.getElementById("signed-in-as").textContent = "Signed in as " + credentials.user;
    document.getElementById("sign-out").addEventListener("click", signOut);

    let access;
    try {
        access = await callerRoles(credentials.user);
    } catch (error) {
        pageStatus.textContent = "";
        showPageProblem(error instanceof ApiError ? error.message : "The page failed to start: " + error.message);
        document.body.dataset.state = "failed";
        return;
    }
    const roles = access === null ? [] : access.roles;
    if (!roles.some((role) => DASHBOARD_ROLES.includes(role))) {
        pageStatus.textContent = "";
        document.getElementById("not-for-you").hidden = false;
        document.body.dataset.state = "not-for-role";
        return;
    }

    const seesEveryGroup = roles.includes("ANALYST") || roles.includes("ADMIN");
    if (seesEveryGroup) {
        fillGroupOptions(access.organisation.groups, "All groups");
    } else {
        fillGroupOptions(managedGroups(access.organisation, credentials.user), "All groups I manage");
    }
    writeFilters(initialFilters());
    document.getElementById("dashboard").hidden = false;

    filterForm.addEventListener("submit", (event) => {
        event.preventDefault();
        loadFigures(readFilters());
    });
    setUpWhatIf(readFilters);
    await loadFigures(readFilters());
}

start();
