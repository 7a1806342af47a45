import type { TFunction } from 'i18next';
import type { Phone, ServiceHours } from './schema.js';

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
    return t('search.phoneLine', { number: phone.number, charge: t(`charge.${phone.chargeType}`) });
}
