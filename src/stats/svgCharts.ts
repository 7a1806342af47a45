import { escapeHtml } from '../counsellor/consolePage.js';

/**
 * Server-rendered SVG charts for the statistics dashboard. Each chart is an image named by a visible heading
 * (role="img", aria-labelledby) with the same numbers in a data table next to it, so nothing depends on seeing the
 * chart. Series differ by pattern as well as colour, every bar has a dark outline (3:1 or more against white, WCAG
 * 1.4.11), values are written as text on horizontal bars, and the legend names each pattern. All text is escaped.
 */

/** Colours, all at least 4.5:1 against white (see src/counsellor/public/console.css for the palette). */
const TEXT = '#1a3060';
const AXIS = '#5c6e87';
const GRID = '#c8d3e1';
const FONT = "'Source Sans Pro', Arial, sans-serif";

/** A fill for one series: a colour and a pattern, so series stay apart in greyscale and for colour-blind readers. */
interface SeriesStyle {
    readonly colour: string;
    /** SVG content of a 8×8 pattern tile over white, or undefined for a solid fill. */
    readonly tile?: (colour: string) => string;
}

const SERIES_STYLES: readonly SeriesStyle[] = [
    { colour: '#2a6ebb' },
    {
        colour: '#1a3060',
        tile: (c) => `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${c}" stroke-width="2.5"/>`,
    },
    {
        colour: '#1e7b40',
        tile: (c) => `<circle cx="2" cy="2" r="1.8" fill="${c}"/><circle cx="6" cy="6" r="1.8" fill="${c}"/>`,
    },
    { colour: '#8a5a00', tile: (c) => `<path d="M0,0 L8,8 M8,0 L0,8" stroke="${c}" stroke-width="1.6"/>` },
    { colour: '#b0171f', tile: (c) => `<path d="M0,2 H8 M0,6 H8" stroke="${c}" stroke-width="2"/>` },
    { colour: '#45546b', tile: (c) => `<path d="M2,0 V8 M6,0 V8" stroke="${c}" stroke-width="2"/>` },
];

function styleOf(index: number): SeriesStyle {
    return SERIES_STYLES[index % SERIES_STYLES.length]!;
}

/** `<defs>` with one pattern per patterned series; ids are prefixed by the chart's id so charts never share them. */
function patternDefs(idPrefix: string, count: number): string {
    const patterns: string[] = [];
    for (let index = 0; index < count; index++) {
        const style = styleOf(index);
        if (!style.tile) continue;
        patterns.push(
            `<pattern id="${idPrefix}-p${index}" width="8" height="8" patternUnits="userSpaceOnUse">` +
                `<rect width="8" height="8" fill="#ffffff"/>${style.tile(style.colour)}</pattern>`,
        );
    }
    return patterns.length > 0 ? `<defs>${patterns.join('')}</defs>` : '';
}

function fillOf(idPrefix: string, index: number): string {
    const style = styleOf(index);
    return style.tile ? `url(#${idPrefix}-p${index})` : style.colour;
}

/** Shared opening of every chart: an image named by the visible heading `titleId`. */
function svgOpen(titleId: string, width: number, height: number): string {
    return (
        `<svg class="chart" role="img" aria-labelledby="${escapeHtml(titleId)}" focusable="false" ` +
        `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="xMinYMin meet" ` +
        `font-family="${escapeHtml(FONT)}" font-size="13" fill="${TEXT}">`
    );
}

/** One bar of a horizontal bar chart. */
export interface BarItem {
    readonly label: string;
    readonly value: number;
    /** The value as shown at the end of the bar (formatted for the page language). */
    readonly valueText: string;
}

/** A horizontal bar chart of one series, a value written after each bar. */
export function horizontalBarChart(options: {
    titleId: string;
    items: readonly BarItem[];
    labelWidth?: number;
}): string {
    const width = 720;
    const labelWidth = options.labelWidth ?? 300;
    const valueWidth = 90;
    const rowHeight = 28;
    const barHeight = 18;
    const top = 8;
    const barSpace = width - labelWidth - valueWidth;
    const max = Math.max(1, ...options.items.map((item) => item.value));
    const height = top * 2 + options.items.length * rowHeight;
    const rows = options.items.map((item, index) => {
        const y = top + index * rowHeight;
        const barWidth = item.value <= 0 ? 0 : Math.max(2, (item.value / max) * barSpace);
        const bar =
            barWidth > 0
                ? `<rect x="${labelWidth}" y="${y + (rowHeight - barHeight) / 2}" width="${fixed(barWidth)}" ` +
                  `height="${barHeight}" fill="${styleOf(0).colour}" stroke="${TEXT}" stroke-width="1"/>`
                : '';
        return (
            `<text x="${labelWidth - 8}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">` +
            `${escapeHtml(item.label)}</text>${bar}` +
            `<text x="${fixed(labelWidth + barWidth + 6)}" y="${y + rowHeight / 2}" dominant-baseline="middle" ` +
            `font-weight="600">${escapeHtml(item.valueText)}</text>`
        );
    });
    return `${svgOpen(options.titleId, width, height)}<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${height - top}" stroke="${AXIS}"/>${rows.join('')}</svg>`;
}

/** One series of a column chart. */
export interface ColumnSeries {
    readonly name: string;
    readonly values: readonly number[];
}

/**
 * Vertical columns per category (days, weeks): stacked when the series are parts of a whole (channels of the day's
 * conversations), grouped when they are separate counts (handovers requested, accepted, closed).
 */
export function columnChart(options: {
    titleId: string;
    /** Prefix of the ids inside the SVG, unique on the page. */
    idPrefix: string;
    categories: readonly string[];
    series: readonly ColumnSeries[];
    mode: 'stacked' | 'grouped';
    formatNumber: (value: number) => string;
}): string {
    const { categories, series, mode, idPrefix } = options;
    const width = 720;
    const left = 52;
    const right = 12;
    const plotWidth = width - left - right;

    // Legend rows: widths are estimated (about 7 units per character at font size 13).
    const legendItems: string[] = [];
    let legendX = left;
    let legendY = 6;
    series.forEach((one, index) => {
        const itemWidth = 18 + one.name.length * 7 + 24;
        if (legendX + itemWidth > width && legendX > left) {
            legendX = left;
            legendY += 22;
        }
        legendItems.push(
            `<rect x="${legendX}" y="${legendY}" width="14" height="14" fill="${fillOf(idPrefix, index)}" stroke="${TEXT}"/>` +
                `<text x="${legendX + 20}" y="${legendY + 7}" dominant-baseline="middle">${escapeHtml(one.name)}</text>`,
        );
        legendX += itemWidth;
    });
    const top = legendY + 34;
    const plotHeight = 200;
    const height = top + plotHeight + 30;

    const totals = categories.map((_, column) =>
        mode === 'stacked'
            ? series.reduce((sum, one) => sum + (one.values[column] ?? 0), 0)
            : Math.max(0, ...series.map((one) => one.values[column] ?? 0)),
    );
    const { top: axisTop, step } = niceScale(Math.max(0, ...totals));
    const yOf = (value: number) => top + plotHeight - (value / axisTop) * plotHeight;

    const grid: string[] = [];
    for (let tick = 0; tick <= axisTop + step / 2; tick += step) {
        const y = fixed(yOf(tick));
        grid.push(
            `<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke="${tick === 0 ? AXIS : GRID}"/>` +
                `<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(options.formatNumber(tick))}</text>`,
        );
    }

    const slot = categories.length > 0 ? plotWidth / categories.length : plotWidth;
    const groupWidth = slot * 0.75;
    const bars: string[] = [];
    categories.forEach((_, column) => {
        const x0 = left + column * slot + (slot - groupWidth) / 2;
        let stackedTop = 0;
        series.forEach((one, index) => {
            const value = one.values[column] ?? 0;
            if (value <= 0) return;
            const barWidth = mode === 'stacked' ? groupWidth : groupWidth / series.length;
            const x = mode === 'stacked' ? x0 : x0 + index * barWidth;
            const y1 = yOf(mode === 'stacked' ? stackedTop + value : value);
            const y0 = yOf(mode === 'stacked' ? stackedTop : 0);
            if (mode === 'stacked') stackedTop += value;
            bars.push(
                `<rect x="${fixed(x)}" y="${fixed(y1)}" width="${fixed(barWidth)}" height="${fixed(y0 - y1)}" ` +
                    `fill="${fillOf(idPrefix, index)}" stroke="${TEXT}" stroke-width="0.75"/>`,
            );
        });
    });

    // As many category labels as fit; the table has them all.
    const every = Math.max(1, Math.ceil(categories.length / Math.floor(plotWidth / 56)));
    const labels = categories
        .map((label, column) =>
            column % every === 0
                ? `<text x="${fixed(left + column * slot + slot / 2)}" y="${top + plotHeight + 18}" text-anchor="middle">${escapeHtml(label)}</text>`
                : '',
        )
        .join('');

    return (
        `${svgOpen(options.titleId, width, height)}${patternDefs(idPrefix, series.length)}` +
        `<g>${legendItems.join('')}</g><g>${grid.join('')}</g><g>${bars.join('')}</g><g>${labels}</g></svg>`
    );
}

/** A round axis maximum and tick step for counts: steps of 1, 2 or 5 × 10ⁿ, about four ticks. */
export function niceScale(max: number): { top: number; step: number } {
    if (max <= 0) return { top: 1, step: 1 };
    const raw = max / 4;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = Math.max(
        1,
        [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw)!,
    );
    return { top: Math.ceil(max / step) * step, step };
}

function fixed(value: number): string {
    return String(Math.round(value * 10) / 10);
}
