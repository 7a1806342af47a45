/**
 * Removes identifying data from free text before it is stored (feedback comments).
 *
 * Placeholder scheme: fixed, language-neutral tokens in square brackets — `[hetu]`, `[phone]`, `[email]`, `[iban]` —
 * so that staff reading fi/sv/en feedback see the same token whatever the comment's language, and a report can count
 * them with one search. They contain no digits, so a later pattern can never match inside an earlier placeholder.
 *
 * The patterns err on the side of redacting: a look-alike of a personal identity code or a number that merely starts
 * like a Finnish phone number is removed too. Ordinary numbers stay: years, prices, opening hours, postal codes and
 * the short emergency and helpline numbers (112, 116 117), because none of them starts with 0 or + and has 7+ digits.
 */

/** The fixed strings that replace each kind of personal data. */
export const REDACTION_PLACEHOLDERS = {
    henkilotunnus: '[hetu]',
    phone: '[phone]',
    email: '[email]',
    iban: '[iban]',
} as const;

/** Not glued to a preceding letter or digit (so we never cut a code out of the middle of a longer token). */
const START = String.raw`(?<![\p{L}\p{N}])`;
/** Not followed by a letter or digit. */
const END = String.raw`(?![\p{L}\p{N}])`;
/** Separators people type inside phone numbers and account numbers: space, no-break spaces, hyphen. */
const SEP = String.raw`[ \u00A0\u202F-]`;
/** Spaces only: an IBAN is grouped with spaces, never hyphens. */
const SPACE = String.raw`[ \u00A0\u202F]`;

/** Century signs: + (1800s), - and the 2023 additions Y X W V U (1900s), A and the 2023 additions B–F (2000s). */
const CENTURY_YEARS: Readonly<Record<string, number>> = {
    '+': 1800,
    '-': 1900,
    Y: 1900,
    X: 1900,
    W: 1900,
    V: 1900,
    U: 1900,
    A: 2000,
    B: 2000,
    C: 2000,
    D: 2000,
    E: 2000,
    F: 2000,
};
/** The check character is (DDMMYY followed by NNN) mod 31 looked up here; G I O Q Z are left out on purpose. */
const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/**
 * A plausible personal identity code: a date-shaped DDMMYY, a century sign (dash look-alikes too, as phones and word
 * processors turn "-" into them), three digits and any letter or digit as the check character — a mistyped code
 * identifies a person just as well, so the check character is not required to be right here.
 */
const HETU_PATTERN = new RegExp(
    START +
        String.raw`(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+\u2010\u2011\u2012\u2013\u2212A-FU-Y]\d{3}[0-9A-Z]` +
        END,
    'giu',
);

/** FI + 16 digits, grouped any way with spaces (the usual "FI21 1234 5600 0007 85") or not at all; any case. */
const FI_IBAN_PATTERN = new RegExp(START + String.raw`FI${SPACE}?\d{2}(?:${SPACE}?\d){14}` + END, 'giu');

/**
 * Other IBANs: country code, check digits and 8–32 alphanumerics, in groups of four with optional spaces. Upper case
 * only, so that ordinary words cannot start a match.
 */
const IBAN_PATTERN = new RegExp(
    START + String.raw`[A-Z]{2}\d{2}(?:${SPACE}?[A-Z0-9]{4}){2,7}(?:${SPACE}?[A-Z0-9]{1,4})?` + END,
    'gu',
);

/**
 * E-mail addresses, also in the "(at)" / "[at]" form Finnish web pages use against spam harvesters. Letters with
 * diacritics are accepted because people type them even where mail servers would not.
 */
const EMAIL_PATTERN = new RegExp(
    String.raw`[\p{L}\p{N}._%+-]+(?:@|\s?\(at\)\s?|\s?\[at\]\s?)(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}` + END,
    'giu',
);

/**
 * Phone numbers. The digit-by-digit repetition with optional separators lets the pattern count digits whatever the
 * grouping, so a number followed by a year ("040 123 4567 2024") backtracks to the number alone.
 *  - international Finnish: +358 / 00358, an optional "(0)", then 5–11 digits of the national number;
 *  - other international: + and 7–15 digits (E.164);
 *  - area code in parentheses: (09) 1234 567;
 *  - national: a trunk 0, a non-zero digit and 5–10 more digits (040 123 4567, 0401234567, 09 123 4567, 0800 12345).
 *    Postal codes (5 digits; the Helsinki ones start 00) and times like 08-16 are too short or start 00.
 */
const PHONE_PATTERN = new RegExp(
    String.raw`(?<![\p{L}\p{N}+])(?:` +
        [
            String.raw`(?:\+|00)${SEP}?358${SEP}?(?:\(0\)${SEP}?)?[1-9](?:${SEP}?\d){4,10}`,
            String.raw`\+[1-9](?:${SEP}?\d){6,14}`,
            String.raw`\(0[1-9]\d{0,2}\)${SEP}?\d(?:${SEP}?\d){4,9}`,
            String.raw`0[1-9](?:${SEP}?\d){5,10}`,
        ].join('|') +
        ')' +
        END,
    'gu',
);

/** Order matters: e-mail addresses and IBANs may contain digit runs that would otherwise look like phone numbers. */
const RULES: readonly (readonly [RegExp, string])[] = [
    [EMAIL_PATTERN, REDACTION_PLACEHOLDERS.email],
    [FI_IBAN_PATTERN, REDACTION_PLACEHOLDERS.iban],
    [IBAN_PATTERN, REDACTION_PLACEHOLDERS.iban],
    [HETU_PATTERN, REDACTION_PLACEHOLDERS.henkilotunnus],
    [PHONE_PATTERN, REDACTION_PLACEHOLDERS.phone],
];

/** Replaces personal identity codes, phone numbers, e-mail addresses and bank accounts with fixed placeholders. */
export function redactPersonalData(text: string): string {
    return RULES.reduce((redacted, [pattern, placeholder]) => redacted.replace(pattern, placeholder), text);
}

/**
 * Whether `code` is a real Finnish personal identity code (henkilötunnus): an existing date, a century sign
 * (including those added in 2023), an individual number 002–999 and the right check character. Letters may be in
 * either case, as people type them.
 */
export function isValidHenkilotunnus(code: string): boolean {
    const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(code.trim().toUpperCase());
    if (!match) return false;
    const [, dd = '', mm = '', yy = '', sign = '', individual = '', check = ''] = match;
    const century = CENTURY_YEARS[sign];
    if (century === undefined) return false;
    const year = century + Number(yy);
    const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
    // Date.UTC rolls 31.02. over to 03.03.: a round trip tells real dates from impossible ones.
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) {
        return false;
    }
    if (Number(individual) < 2) return false;
    return CHECK_CHARS[Number(dd + mm + yy + individual) % 31] === check;
}
