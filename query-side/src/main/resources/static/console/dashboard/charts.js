// Draws the dashboard's charts as inline SVG. Each chart is an image with a text title and a description, and the
// table next to it contains the same figures for screen readers and for copying.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Series colours, each with a contrast ratio of at least 4.5:1 against white. */
export const SERIES_COLOURS = ["#1f5fa8", "#a4461a", "#2e6b30", "#6a3d9a"];

const WIDTH = 560;
const LABEL_WIDTH = 130;
const VALUE_ROOM = 56;
const BAR_HEIGHT = 12;
const BAR_GAP = 2;
const CATEGORY_GAP = 10;
const AXIS_HEIGHT = 22;

let chartCount = 0;

function svgElement(name, attributes, text) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [attribute, value] of Object.entries(attributes || {})) {
        element.setAttribute(attribute, String(value));
    }
    if (text !== undefined) {
        element.textContent = text;
    }
    return element;
}

/** Formats a figure for labels and tables: up to one decimal, with thousands separators, and a dash for null. */
export function formatNumber(value) {
    if (value === null || value === undefined) {
        return "–";
    }
    return value.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

function startChart(title, description, height) {
    chartCount += 1;
    const titleId = "chart-title-" + chartCount;
    const descriptionId = "chart-description-" + chartCount;
    const svg = svgElement("svg", {
        viewBox: "0 0 " + WIDTH + " " + height,
        width: "100%",
        role: "img",
        "aria-labelledby": titleId + " " + descriptionId,
        class: "chart",
    });
    svg.appendChild(svgElement("title", { id: titleId }, title));
    svg.appendChild(svgElement("desc", { id: descriptionId }, description));
    return svg;
}

/**
 * Returns a round upper bound for the axis, at least 1, so small values still get a readable scale. For counts
 * it is a multiple of 4, so the five ticks fall on whole numbers.
 */
function axisMaximum(series, fixedMaximum, counts) {
    if (fixedMaximum !== undefined) {
        return fixedMaximum;
    }
    let largest = 0;
    for (const one of series) {
        for (const value of one.values) {
            if (value !== null && value !== undefined && value > largest) {
                largest = value;
            }
        }
    }
    if (counts) {
        return Math.max(4, Math.ceil(largest / 4) * 4);
    }
    if (largest <= 0) {
        return 1;
    }
    const magnitude = Math.pow(10, Math.floor(Math.log10(largest)));
    for (const step of [1, 2, 2.5, 5, 10]) {
        if (step * magnitude >= largest) {
            return step * magnitude;
        }
    }
    return 10 * magnitude;
}

/** Places the legend entries in rows that fit the chart's width, and returns them as [{name, colour, x, row}]. */
function legendLayout(series, left) {
    const entries = [];
    let x = left;
    let row = 0;
    series.forEach((one, index) => {
        const width = 24 + one.name.length * 6.5;
        if (x + width > WIDTH && x > left) {
            x = left;
            row += 1;
        }
        entries.push({ name: one.name, colour: SERIES_COLOURS[index % SERIES_COLOURS.length], x, row });
        x += width;
    });
    return entries;
}

const LEGEND_ROW_HEIGHT = 16;

function legendHeightOf(series, left) {
    if (series.length < 2) {
        return 0;
    }
    const entries = legendLayout(series, left);
    return (entries[entries.length - 1].row + 1) * LEGEND_ROW_HEIGHT + 4;
}

function drawLegend(svg, series, left) {
    if (series.length < 2) {
        return;
    }
    for (const entry of legendLayout(series, left)) {
        const y = 12 + entry.row * LEGEND_ROW_HEIGHT;
        svg.appendChild(svgElement("rect", { x: entry.x, y: y - 9, width: 10, height: 10, fill: entry.colour }));
        svg.appendChild(svgElement("text", { x: entry.x + 14, y, class: "legend" }, entry.name));
    }
}

/**
 * Draws horizontal bars, one group per category and one bar per series. A missing value (null) gets the text
 * "no data" instead of a bar, so it cannot be mistaken for zero.
 *
 * @param options title, description, categories (labels), series ([{name, values}]), unit (appended to value
 *                labels, such as "%"), maximum (fixed axis maximum, such as 100 for percentages), counts (true
 *                for whole numbers, which get whole-number ticks)
 */
export function barChart(options) {
    const { title, description, categories, series, unit = "" } = options;
    const maximum = axisMaximum(series, options.maximum, options.counts);
    const groupHeight = series.length * (BAR_HEIGHT + BAR_GAP) + CATEGORY_GAP;
    const legendHeight = legendHeightOf(series, 8);
    const height = Math.max(categories.length, 1) * groupHeight + AXIS_HEIGHT + legendHeight + 6;
    const svg = startChart(title, description, height);
    const plotWidth = WIDTH - LABEL_WIDTH - VALUE_ROOM;
    const plotBottom = legendHeight + categories.length * groupHeight;

    for (let tick = 0; tick <= 4; tick++) {
        const x = LABEL_WIDTH + (plotWidth * tick) / 4;
        svg.appendChild(svgElement("line", {
            x1: x, x2: x, y1: legendHeight, y2: plotBottom, class: "grid",
        }));
        svg.appendChild(svgElement("text", {
            x, y: plotBottom + 14, class: "tick", "text-anchor": "middle",
        }, formatNumber((maximum * tick) / 4) + unit));
    }
    drawLegend(svg, series, 8);

    categories.forEach((category, categoryIndex) => {
        const top = legendHeight + categoryIndex * groupHeight + CATEGORY_GAP / 2;
        svg.appendChild(svgElement("text", {
            x: LABEL_WIDTH - 6, y: top + (series.length * (BAR_HEIGHT + BAR_GAP)) / 2 + 4,
            class: "category", "text-anchor": "end",
        }, category));
        series.forEach((one, seriesIndex) => {
            const value = one.values[categoryIndex];
            const y = top + seriesIndex * (BAR_HEIGHT + BAR_GAP);
            if (value === null || value === undefined) {
                svg.appendChild(svgElement("text", { x: LABEL_WIDTH + 4, y: y + 10, class: "value muted" },
                    one.name + ": no data"));
                return;
            }
            const barWidth = Math.max((plotWidth * Math.min(value, maximum)) / maximum, value > 0 ? 1 : 0);
            svg.appendChild(svgElement("rect", {
                x: LABEL_WIDTH, y, width: barWidth, height: BAR_HEIGHT,
                fill: SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length],
            }));
            svg.appendChild(svgElement("text", { x: LABEL_WIDTH + barWidth + 4, y: y + 10, class: "value" },
                formatNumber(value) + unit));
        });
    });
    return svg;
}

/**
 * Draws one line per series over ordered categories, such as ISO weeks, with a dot and its value at each point.
 * A missing value breaks the line, because the period had nothing to count.
 *
 * @param options title, description, categories, series ([{name, values}]), unit, maximum (fixed axis maximum)
 */
export function lineChart(options) {
    const { title, description, categories, series, unit = "" } = options;
    const maximum = axisMaximum(series, options.maximum);
    const left = 48;
    const right = WIDTH - 30;
    // Room above the plot for the legend and for the value labels of up to three series at 100 %.
    const top = legendHeightOf(series, left) + 12 * series.length + 8;
    const height = top + 190;
    const bottom = height - 30;
    const svg = startChart(title, description, height);

    for (let tick = 0; tick <= 4; tick++) {
        const y = bottom - ((bottom - top) * tick) / 4;
        svg.appendChild(svgElement("line", { x1: left, x2: right, y1: y, y2: y, class: "grid" }));
        svg.appendChild(svgElement("text", { x: left - 6, y: y + 4, class: "tick", "text-anchor": "end" },
            formatNumber((maximum * tick) / 4) + unit));
    }
    drawLegend(svg, series, left);

    const step = categories.length > 1 ? (right - left - 20) / (categories.length - 1) : 0;
    const xOf = (index) => (categories.length > 1 ? left + 10 + index * step : (left + right) / 2);
    const yOf = (value) => bottom - ((bottom - top) * Math.min(value, maximum)) / maximum;
    const labelEvery = Math.max(1, Math.ceil(categories.length / 8));
    categories.forEach((category, index) => {
        if (index % labelEvery === 0) {
            svg.appendChild(svgElement("text", {
                x: xOf(index), y: bottom + 16, class: "tick", "text-anchor": "middle",
            }, category));
        }
    });

    series.forEach((one, seriesIndex) => {
        const colour = SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length];
        let path = "";
        let penDown = false;
        one.values.forEach((value, index) => {
            if (value === null || value === undefined) {
                penDown = false;
                return;
            }
            path += (penDown ? " L " : " M ") + xOf(index) + " " + yOf(value);
            penDown = true;
        });
        if (path) {
            svg.appendChild(svgElement("path", { d: path.trim(), stroke: colour, class: "line" }));
        }
        one.values.forEach((value, index) => {
            if (value === null || value === undefined) {
                return;
            }
            svg.appendChild(svgElement("circle", { cx: xOf(index), cy: yOf(value), r: 3.5, fill: colour }));
            if (categories.length <= 12) {
                svg.appendChild(svgElement("text", {
                    x: xOf(index), y: yOf(value) - 7 - seriesIndex * 11, class: "value", "text-anchor": "middle",
                    style: "fill: " + colour,
                }, formatNumber(value) + unit));
            }
        });
    });
    return svg;
}
