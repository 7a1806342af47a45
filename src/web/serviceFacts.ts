import { DEFAULT_EVENTS_MONTHS, DEFAULT_UNMATCHED_DAYS } from '../stats/statsStore.js';

/**
 * What the accessibility statement and the privacy notice state besides the region's own content: dates, contact
 * addresses and retention times. Kept in one place so the statements follow the configuration instead of drifting.
 */
export interface ServiceFacts {
    /** When the accessibility statement was prepared (YYYY-MM-DD); change it only when the statement is reviewed. */
    readonly statementDate: string;
    /** When the privacy notice was last updated (YYYY-MM-DD). */
    readonly privacyNoticeDate: string;
    /** Where accessibility feedback and requests for inaccessible content go (Act 306/2019 § 15). */
    readonly accessibilityEmail: string;
    /** The data protection contact of the controller. */
    readonly privacyEmail: string;
    /** The addresses are made up (demo region): the pages mark them so nobody writes to them for real. */
    readonly demoContacts: boolean;
    /** Ended handovers are deleted after this many days (config HANDOVER_RETENTION_DAYS). */
    readonly handoverRetentionDays: number;
    /** Conversation state is deleted this many days after the last message; unset: no automatic deletion yet. */
    readonly conversationRetentionDays?: number;
    /** Statistics events are kept this many months (aggregated). */
    readonly statsEventsMonths: number;
    /** Texts of unmatched questions are kept this many days. */
    readonly statsUnmatchedDays: number;
}

/**
 * The demo region's facts. The `.example` addresses cannot receive mail; a real region sets its own.
 * Conversation state has no purge job yet, so no conversation retention is claimed.
 */
export const DEMO_SERVICE_FACTS: ServiceFacts = {
    statementDate: '2026-11-27',
    privacyNoticeDate: '2026-11-27',
    accessibilityEmail: 'saavutettavuus@jarvilaakso.example',
    privacyEmail: 'tietosuoja@jarvilaakso.example',
    demoContacts: true,
    handoverRetentionDays: 90,
    statsEventsMonths: DEFAULT_EVENTS_MONTHS,
    statsUnmatchedDays: DEFAULT_UNMATCHED_DAYS,
};
