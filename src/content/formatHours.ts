import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import type { OpeningStatus } from './openingHours.js';
import type { Phone, ServiceHours } from './schema.js';
import type { Language } from './vocabulary.js';

/** "ma–pe 08:00–16:00, suljettu arkipyhinä" in the reader's language. */
export function formatHours(hours: ServiceHours, t: TFunction): string {
    if ('alwaysOpen' in hours) return t('hours.alwaysOpen');
    const rows = hours.weekly.map((row) => {
        const days =
            row.dayTo && row.dayTo !== row.dayFrom
                ? `${t(`weekday.${row.dayFrom}`)}–${t(`weekday.${row.dayTo}`)}`
                : t(`weekday.${row.dayFrom}`);
        return `${days} ${row.from}–${row.to}`;
    });
    if (hours.closedOnPublicHolidays) rows.push(t('hours.closedOnHolidays'));
    return rows.join(', ');
}

/** "09 2525 0111 (normal call charges)". */
export function formatPhone(phone: Phone, t: TFunction): string {
    return t('phone.line', { number: phone.number, charge: t(`charge.${phone.chargeType}`) });
}

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "Open now, closes at 16:00" / "Closed now. Opens Mon 1 Dec at 08:00", in Helsinki time. */
export function formatOpeningStatus(status: OpeningStatus, now: Date, language: Language, t: TFunction): string {
    const zone = 'Europe/Helsinki';
    const time = (date: Date) => DateTime.fromJSDate(date, { zone }).setLocale(LOCALES[language]).toFormat('HH.mm');
    if (status.open)
        return status.closesAt ? t('hours.openUntil', { time: time(status.closesAt) }) : t('hours.openNow');
    if (!status.nextOpening) return t('hours.closedNow');
    const opening = DateTime.fromJSDate(status.nextOpening, { zone }).setLocale(LOCALES[language]);
    const today = DateTime.fromJSDate(now, { zone }).startOf('day');
    const days = Math.round(opening.startOf('day').diff(today, 'days').days);
    if (days === 0) return t('hours.opensToday', { time: time(status.nextOpening) });
    if (days === 1) return t('hours.opensTomorrow', { time: time(status.nextOpening) });
    return t('hours.opensOn', { day: opening.toFormat('ccc d.L.'), time: time(status.nextOpening) });
}
