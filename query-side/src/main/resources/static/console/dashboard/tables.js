// Builds the tables that sit beside each chart. Every figure cell names the JSON path it shows (data-figure) and
// every row the bucket key it comes from (data-key, empty for the null key), so the page's numbers can be checked
// against the API.

import { formatNumber } from "./charts.js";

/** Priorities as the page names them, by the API's enum name. */
export const PRIORITY_LABELS = {
    P1_CRITICAL: "P1 critical",
    P2_HIGH: "P2 high",
    P3_MODERATE: "P3 moderate",
    P4_LOW: "P4 low",
    P5_PLANNING: "P5 planning",
};

/** Reads a dotted path such as "figures.ages.2.incidents" from a JSON object, or undefined where a step is missing. */
export function valueAt(object, path) {
    let value = object;
    for (const step of path.split(".")) {
        if (value === null || value === undefined) {
            return undefined;
        }
        value = value[step];
    }
    return value;
}

function element(name, attributes, text) {
    const created = document.createElement(name);
    for (const [attribute, value] of Object.entries(attributes || {})) {
        created.setAttribute(attribute, String(value));
    }
    if (text !== undefined) {
        created.textContent = text;
    }
    return created;
}

/**
 * Builds a scrollable, keyboard-focusable table of figures.
 *
 * @param caption    the table's caption, which names the chart it belongs to
 * @param keyHeading heading of the first column, such as "Support group"
 * @param columns    [{heading, path}] where path is read from each row's source object
 * @param rows       [{key, label, source}]: key goes to data-key, label to the row header, source is the JSON
 *                   object the paths are read from
 */
export function figureTable(caption, keyHeading, columns, rows) {
    const wrapper = element("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption });
    const table = element("table");
    table.appendChild(element("caption", {}, caption));

    const head = element("thead");
    const headRow = element("tr");
    headRow.appendChild(element("th", { scope: "col" }, keyHeading));
    for (const column of columns) {
        headRow.appendChild(element("th", { scope: "col" }, column.heading));
    }
    head.appendChild(headRow);
    table.appendChild(head);

    const body = element("tbody");
    for (const row of rows) {
        const tableRow = element("tr", { "data-key": row.key === null ? "" : row.key });
        tableRow.appendChild(element("th", { scope: "row" }, row.label));
        for (const column of columns) {
            const value = valueAt(row.source, column.path);
            tableRow.appendChild(element("td", { "data-figure": column.path }, formatNumber(value)));
        }
        body.appendChild(tableRow);
    }
    table.appendChild(body);
    wrapper.appendChild(table);
    return wrapper;
}

/** Builds a paragraph, for notes and empty results. */
export function paragraph(text, className) {
    return element("p", className ? { class: className } : {}, text);
}

export { element };
