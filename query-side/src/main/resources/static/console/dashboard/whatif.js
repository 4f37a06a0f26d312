// The what-if panel: judges the incidents that match the dashboard's filters again under another saved policy
// version or calendar (POST /api/analytics/what-if, docs/what-if.md) and shows recorded and what-if outcomes side
// by side. The analysis changes nothing on the server.

import { ApiError, getJson, postJson } from "./client.js";
import { barChart } from "./charts.js";
import { PRIORITY_LABELS, element, figureTable, paragraph } from "./tables.js";

/** Incidents listed one by one under the summary, which counts all of them. */
const MAX_LISTED_INCIDENTS = 50;

const form = document.getElementById("what-if-form");
const result = document.getElementById("what-if-result");
const panel = document.getElementById("what-if");

/** Adds one option per saved version, newest first, with the value "id|version". */
function addVersionOptions(select, definitions, noun) {
    for (const definition of definitions) {
        for (let version = definition.version; version >= 1; version--) {
            const latest = version === definition.version ? " (latest)" : "";
            select.appendChild(element("option", { value: definition.id + "|" + version },
                noun + " " + definition.id + ", version " + version + latest));
        }
    }
}

function reference(value) {
    const separator = value.lastIndexOf("|");
    return { id: value.slice(0, separator), version: Number(value.slice(separator + 1)) };
}

/** Builds the request body: the dashboard's filters select the incidents, the form names the alternative. */
export function whatIfRequest(filters, policyValue, calendarValue) {
    const body = {
        from: filters.from + "T00:00:00Z",
        to: filters.to + "T00:00:00Z",
    };
    for (const name of ["group", "priority", "category"]) {
        if (filters[name]) {
            body[name] = filters[name];
        }
    }
    body.policy = reference(policyValue);
    if (calendarValue) {
        body.calendar = reference(calendarValue);
    }
    return body;
}

function describeTerms(terms) {
    if (!terms) {
        return "no recorded terms";
    }
    const policy = terms.policyId ? "policy " + terms.policyId + " v" + terms.policyVersion : "inline policy";
    const calendar = terms.calendarId ? "calendar " + terms.calendarId + " v" + terms.calendarVersion
        : "inline calendar";
    return policy + " on " + calendar;
}

function summaryTable(summary) {
    const rows = [];
    for (const clock of ["response", "resolution"]) {
        const name = clock === "response" ? "Response" : "Resolution";
        rows.push({ key: clock, label: name + " met", source: summary[clock], field: "met" });
        rows.push({ key: clock, label: name + " breached", source: summary[clock], field: "breached" });
        rows.push({ key: clock, label: name + " undecided", source: summary[clock], field: "undecided" });
        rows.push({ key: clock, label: name + " compliance %", source: summary[clock], field: "compliancePercent" });
    }
    const table = figureTable("Recorded and what-if outcomes", "Clock", [
        { heading: "Recorded", path: "recorded" },
        { heading: "What-if", path: "whatIf" },
    ], rows.map((row) => ({
        key: row.key,
        label: row.label,
        source: { recorded: row.source.recorded[row.field], whatIf: row.source.whatIf[row.field] },
    })));
    // Name the summary path in each cell, as the analytics tables do, so the figures can be traced to the response.
    table.querySelectorAll("tbody tr").forEach((tableRow, index) => {
        const row = rows[index];
        const cells = tableRow.querySelectorAll("td");
        cells[0].setAttribute("data-figure", "summary." + row.key + ".recorded." + row.field);
        cells[1].setAttribute("data-figure", "summary." + row.key + ".whatIf." + row.field);
    });
    return table;
}

function outcome(reading, clock) {
    if (!reading) {
        return "–";
    }
    const clockReading = reading[clock];
    if (!clockReading) {
        return "–";
    }
    if (clockReading.outcome) {
        return clockReading.outcome.toLowerCase();
    }
    const status = clockReading.status.toLowerCase().replace("_", " ");
    // The summary counts a clock past its target as breached, so the list marks it.
    return clockReading.breachAt ? status + ", past target" : status;
}

function incidentTable(report) {
    const listed = report.incidents.slice(0, MAX_LISTED_INCIDENTS);
    const wrapper = element("div", {
        class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Outcomes per incident",
    });
    const table = element("table", { class: "outcomes" });
    table.appendChild(element("caption", {}, "Outcomes per incident"));
    const head = element("tr");
    for (const heading of ["Incident", "Priority", "Response recorded", "Response what-if", "Resolution recorded",
        "Resolution what-if"]) {
        head.appendChild(element("th", { scope: "col" }, heading));
    }
    table.appendChild(element("thead")).appendChild(head);
    const body = element("tbody");
    for (const incident of listed) {
        const row = element("tr", { "data-incident": incident.incidentId });
        const link = element("a", { href: "/console/incident.html?id=" + encodeURIComponent(incident.incidentId) },
            incident.incidentId);
        row.appendChild(element("th", { scope: "row" })).appendChild(link);
        row.appendChild(element("td", {}, PRIORITY_LABELS[incident.priority] || incident.priority || "–"));
        const recordedText = incident.recordedFailure ? "not countable: " + incident.recordedFailure : null;
        row.appendChild(element("td", {}, recordedText || outcome(incident.recorded, "response")));
        row.appendChild(element("td", {}, outcome(incident.whatIf, "response")));
        row.appendChild(element("td", {}, recordedText || outcome(incident.recorded, "resolution")));
        row.appendChild(element("td", {}, outcome(incident.whatIf, "resolution")));
        body.appendChild(row);
    }
    table.appendChild(body);
    wrapper.appendChild(table);
    return wrapper;
}

function render(report) {
    const summary = report.summary;
    if (summary.incidents === 0) {
        return [paragraph("No incidents match the filters, so there is nothing to compare.", "note")];
    }
    const chart = barChart({
        title: "Compliance recorded and under " + describeTerms(report.alternative),
        description: "Percentage of decided clocks that met their target, for the response and the resolution "
            + "clock, under the recorded terms and under the chosen terms.",
        categories: ["Response", "Resolution"],
        series: [
            { name: "Recorded", values: [summary.response.recorded.compliancePercent,
                summary.resolution.recorded.compliancePercent] },
            { name: "What-if", values: [summary.response.whatIf.compliancePercent,
                summary.resolution.whatIf.compliancePercent] },
        ],
        unit: "%",
        maximum: 100,
    });
    const counts = paragraph(summary.incidents + " incidents judged again under "
        + describeTerms(report.alternative) + ", with clocks read at " + report.asOf + ". "
        + summary.incidentsWithoutRecordedTerms + " had no recorded terms and "
        + summary.incidentsWithFailedRecordedTerms + " could not be counted under them; those count on the what-if "
        + "side only. A running clock past its target counts as breached.", "note");
    const parts = [chart, summaryTable(summary), counts, incidentTable(report)];
    if (report.incidents.length > MAX_LISTED_INCIDENTS) {
        parts.push(paragraph("The list shows the first " + MAX_LISTED_INCIDENTS + " of " + report.incidents.length
            + " incidents; the summary counts all of them.", "note"));
    }
    return parts;
}

async function fillChoices() {
    const policySelect = form.elements.policy;
    const calendarSelect = form.elements.calendar;
    const [policies, calendars] = await Promise.all([
        getJson("/api/service-levels/policies"),
        getJson("/api/service-levels/calendars"),
    ]);
    policySelect.replaceChildren();
    addVersionOptions(policySelect, policies, "Policy");
    calendarSelect.replaceChildren(element("option", { value: "" }, "The policy's own calendar (latest version)"));
    addVersionOptions(calendarSelect, calendars, "Calendar");
}

/** Fills the policy and calendar choices and runs the analysis on submit with the dashboard's current filters. */
export async function setUpWhatIf(readFilters) {
    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const filters = readFilters();
        if (!form.elements.policy.value) {
            result.replaceChildren(paragraph("Choose a policy version first.", "problem"));
            return;
        }
        panel.dataset.state = "loading";
        panel.setAttribute("aria-busy", "true");
        result.replaceChildren(paragraph("Judging the incidents again…", "note"));
        try {
            const body = whatIfRequest(filters, form.elements.policy.value, form.elements.calendar.value);
            panel.dataset.request = JSON.stringify(body);
            const report = await postJson("/api/analytics/what-if", body);
            result.replaceChildren(...render(report));
            panel.dataset.state = "loaded";
        } catch (error) {
            if (!(error instanceof ApiError)) {
                throw error;
            }
            result.replaceChildren(paragraph(error.message, "problem"));
            panel.dataset.state = "failed";
        } finally {
            panel.removeAttribute("aria-busy");
        }
    });

    try {
        await fillChoices();
        panel.dataset.choices = "loaded";
    } catch (error) {
        if (!(error instanceof ApiError)) {
            throw error;
        }
        result.replaceChildren(paragraph("The saved policies and calendars could not be read. " + error.message,
            "problem"));
        panel.dataset.choices = "failed";
    }
}
