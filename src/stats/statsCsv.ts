import type { DailyRow } from './computeStats.js';

/**
 * The daily CSV: RFC 4180 with commas as separators, never semicolons (the Finnish spreadsheet default would
 * otherwise split the file differently on different machines), CRLF line ends, numbers with a decimal point and an
 * empty field for "no value". The header names are the report's field names, so a script can rely on them whatever
 * the dashboard's language.
 */
export const DAILY_CSV_COLUMNS = [
    'date',
    'conversations',
    'guided',
    'handovers',
    'resolvedInOneContact',
    'feedbackCount',
    'averageRating',
    'crisisInterrupts',
    'socialCareContacts',
    'professionalConsultations',
] as const satisfies readonly (keyof DailyRow)[];

/** A value as one CSV field. */
export type CsvValue = string | number | null | undefined;

/** The CSV of the report's daily rows, header first. */
export function dailyRowsToCsv(rows: readonly DailyRow[]): string {
    return toCsv(
        DAILY_CSV_COLUMNS,
        rows.map((row) => DAILY_CSV_COLUMNS.map((column) => row[column])),
    );
}

/** RFC 4180 text of a header and rows; ends with a line break. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
    return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** Characters that make a spreadsheet read a text field as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: CsvValue): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new RangeError(`CSV: not a finite number: ${value}`);
        // String(n) never uses exponent notation for the counts and averages here, and always a decimal point.
        return String(value);
    }
    // A text field is never taken for a formula by the spreadsheet it is opened in (CSV injection).
    const text = FORMULA_START.test(value) ? `'${value}` : value;
    // Quoted when it holds a semicolon too, so a spreadsheet that guesses ";" as the separator keeps it whole.
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
