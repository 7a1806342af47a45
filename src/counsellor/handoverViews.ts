import type { TFunction } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import type { Language } from '../content/vocabulary.js';
import type { HandoverRecord } from '../handover/handoverRecord.js';
import { renderIsbar } from '../handover/isbarText.js';

/** A queue row: enough to choose whom to help next, nothing of the story itself. */
export function handoverListItem(record: HandoverRecord, catalogue: Catalogue, language: Language, now: Date) {
    return {
        id: record.id,
        createdAt: record.createdAt,
        waitingSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(record.createdAt)) / 1000)),
        language: record.language,
        channel: record.channel,
        reason: record.reason,
        urgency: record.urgency,
        lifeSituations: record.lifeSituations.map((id) => ({
            id,
            name: catalogue.lifeSituationsById.get(id)?.names[language] ?? id,
        })),
        status: record.status,
        ...(record.acceptedBy ? { acceptedBy: record.acceptedBy } : {}),
    };
}

/** The whole handover for the counsellor: ISBAR in the counsellor's language next to the resident's own words. */
export function handoverDetails(
    record: HandoverRecord,
    catalogue: Catalogue,
    language: Language,
    t: TFunction,
    now: Date,
) {
    return {
        ...handoverListItem(record, catalogue, language, now),
        summary: renderIsbar(record, catalogue, t).map((section) => ({
            section: section.id,
            title: section.heading,
            lines: section.lines,
        })),
        residentWords: record.summary.situation.residentWords,
        contact: record.contact,
        transcript: record.transcript,
        messages: record.messages,
        ...(record.outcome ? { outcome: record.outcome } : {}),
    };
}
